package sparkmlp.spark.registry;

import java.util.Locale;
import sparkmlp.core.metrics.GateMetric;
import sparkmlp.spark.config.RegistrySettings;

/**
 * The promotion rule: a candidate whose metric is a number and meets the floor is promoted when
 * there is no champion to compare with, or when it is worse than the champion by at most the
 * tolerance. The reason says which case applied, with the figures.
 */
final class Gate {
  private Gate() {}

  /** Whether a candidate is promoted, and why. */
  record Verdict(boolean promoted, String reason) {}

  static Verdict verdict(
      GateMetric metric, double cand, Double champ, String championId, RegistrySettings rs) {
    String m = metric.id();
    if (Double.isNaN(cand)) {
      return new Verdict(false, "the candidate's " + m + " is not a number");
    }
    if (rs.gate().floor() != null && !metric.meets(cand, rs.gate().floor())) {
      return new Verdict(
          false,
          String.format(
              Locale.ROOT,
              "the candidate's %s %.6g is %s the floor %.6g",
              m,
              cand,
              metric.higherIsBetter() ? "below" : "above",
              rs.gate().floor()));
    }
    if (champ == null) {
      return new Verdict(true, withoutChampion(championId, rs));
    }
    return againstChampion(metric, cand, champ, championId, rs);
  }

  /** Why a candidate meeting the floor is promoted when there is no champion to compare with. */
  private static String withoutChampion(String championId, RegistrySettings rs) {
    return championId == null
        ? "first candidate"
            + (rs.gate().floor() != null ? " meeting the floor" : "")
            + "; no champion yet"
        : "the champion "
            + championId
            + " has other classes and cannot be compared; judged by the floor alone"
            + (rs.gate().floor() == null ? " (none set)" : ", which it meets");
  }

  /** The verdict for a candidate compared with the champion's metric {@code champ}. */
  private static Verdict againstChampion(
      GateMetric metric, double cand, double champ, String championId, RegistrySettings rs) {
    String m = metric.id();
    if (metric.withinTolerance(cand, champ, 0)) {
      return new Verdict(
          true,
          String.format(
              Locale.ROOT,
              "the candidate's %s %.6g is at least as good as the champion %s's %.6g",
              m,
              cand,
              championId,
              champ));
    }
    if (metric.withinTolerance(cand, champ, rs.gate().tolerance())) {
      return new Verdict(
          true,
          String.format(
              Locale.ROOT,
              "the candidate's %s %.6g is worse than the champion %s's %.6g by no more than the"
                  + " tolerance %.6g",
              m,
              cand,
              championId,
              champ,
              rs.gate().tolerance()));
    }
    return new Verdict(
        false,
        String.format(
            Locale.ROOT,
            "the candidate's %s %.6g is worse than the champion %s's %.6g by more than %.6g",
            m,
            cand,
            championId,
            champ,
            rs.gate().tolerance()));
  }
}

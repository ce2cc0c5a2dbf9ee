package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import sparkmlp.core.metrics.GateMetric;
import sparkmlp.core.model.DriftMeasure;
import sparkmlp.spark.config.RegistrySettings;

/** The gate's rule: floor first, then the champion within the tolerance. */
class GateTest {
  private static RegistrySettings gate(double tolerance, Double floor) {
    return new RegistrySettings(
        "reg",
        true,
        new RegistrySettings.Gate(Optional.empty(), tolerance, floor),
        new RegistrySettings.Checks(1, false),
        new RegistrySettings.Drift(DriftMeasure.PSI, 0.1, 0.25),
        new RegistrySettings.Lock(10));
  }

  private static Gate.Verdict verdict(
      GateMetric m, double cand, Double champ, String champion, RegistrySettings s) {
    return Gate.verdict(m, cand, champ, champion, s);
  }

  @Test
  void theFirstCandidateIsPromotedOnlyWhenItMeetsTheFloor() {
    assertEquals(
        new Gate.Verdict(true, "first candidate meeting the floor; no champion yet"),
        verdict(GateMetric.ACCURACY, 0.9, null, null, gate(0, 0.8)));
    assertEquals(
        new Gate.Verdict(false, "the candidate's accuracy 0.700000 is below the floor 0.800000"),
        verdict(GateMetric.ACCURACY, 0.7, null, null, gate(0, 0.8)));
    assertEquals(
        new Gate.Verdict(false, "the candidate's log-loss 0.500000 is above the floor 0.400000"),
        verdict(GateMetric.LOG_LOSS, 0.5, null, null, gate(0, 0.4)));
  }

  @Test
  void aCandidateWorseThanTheChampionByMoreThanTheToleranceIsRejected() {
    assertEquals(
        new Gate.Verdict(
            true,
            "the candidate's accuracy 0.950000 is at least as good as the champion a's 0.930000"),
        verdict(GateMetric.ACCURACY, 0.95, 0.93, "a", gate(0, null)));
    assertEquals(
        new Gate.Verdict(
            true,
            "the candidate's accuracy 0.920000 is worse than the champion a's 0.930000 by no more"
                + " than the tolerance 0.0200000"),
        verdict(GateMetric.ACCURACY, 0.92, 0.93, "a", gate(0.02, null)));
    assertEquals(
        new Gate.Verdict(
            false,
            "the candidate's rmse 1.30000 is worse than the champion a's 1.20000 by more than"
                + " 0.0500000"),
        verdict(GateMetric.RMSE, 1.3, 1.2, "a", gate(0.05, null)));
    assertEquals(
        new Gate.Verdict(false, "the candidate's auc is not a number"),
        verdict(GateMetric.AUC, Double.NaN, 0.9, "a", gate(0, null)));
  }
}

package sparkmlp.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The side-by-side table on the console: one row per sparkmlp run, the core reference epoch, and
 * each MLPC and {@code MlpClassifier} fit, with the training seconds to each target accuracy.
 */
final class ResultsTable {
  static final int WIDTH = 126;
  private static final String ROW = "%-22s %-40s %8s %8s %7s %7s %7s %7s  %s%n";

  private final Report report;

  ResultsTable(Report report) {
    this.report = report;
  }

  /** Prints the header, the rows and the footnote. */
  void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        ROW,
        "system",
        "setting",
        "train s",
        "best acc",
        "t→0.85",
        "t→0.88",
        "t→0.89",
        "t→0.90",
        "notes");
    out.println("-".repeat(WIDTH));
    sparkRows(out);
    coreEpochRow(out);
    mlpcRows(out);
    out.println("-".repeat(WIDTH));
    out.println(
        "train s: sparkmlp = sum of epoch seconds (steps + per-epoch test evaluation); MLPC ="
            + " fit() wall time. t→x: training seconds until the test accuracy first reached x"
            + " ('-' = not reached).");
  }

  private void sparkRows(PrintStream out) {
    for (SparkRun r : report.runs()) {
      row(
          out,
          "sparkmlp local[2]",
          r.label() + ", batch " + r.batch() + ", " + r.epochs().size() + " ep",
          r.trainSeconds(),
          r.bestAccuracy(),
          r::timeTo,
          String.format(
              Locale.ROOT,
              "+%.1f s prep; final %.4f; epoch %.2f s",
              r.prepareSeconds(),
              r.finalTestAccuracy(),
              r.medianEpochSeconds()));
    }
  }

  private void coreEpochRow(PrintStream out) {
    CoreEpochRun coreEpoch = report.coreEpoch();
    if (coreEpoch != null) {
      out.printf(
          Locale.ROOT,
          "%-22s %-40s %8.1f %8.4f %7s %7s %7s %7s  %s%n",
          "core Trainer 1 thread",
          "1 epoch, batch " + coreEpoch.batch(),
          coreEpoch.epochSeconds(),
          coreEpoch.testAccuracy(),
          "",
          "",
          "",
          "",
          "single-process reference epoch");
    }
  }

  private void mlpcRows(PrintStream out) {
    MlpcRun mlpc = report.mlpc();
    if (mlpc == null) {
      return;
    }
    for (MlpcRun.Fit f : mlpc.fits()) {
      row(
          out,
          "MLlib MLPC local[2]",
          f.setting(),
          f.seconds(),
          f.testAccuracy(),
          x -> f.testAccuracy() >= x ? f.seconds() : Double.NaN,
          "blockSize " + mlpc.blockSize() + ", sigmoid hidden");
    }
    for (MlpcRun.Fit f : mlpc.stageFits()) {
      row(
          out,
          "MlpClassifier local[2]",
          f.solver().substring("MlpClassifier ".length()) + ", " + f.maxIter() + " epochs",
          f.seconds(),
          f.testAccuracy(),
          x -> f.testAccuracy() >= x ? f.seconds() : Double.NaN,
          "sparkmlp.ml stage on MLPC's DataFrame; fit() wall time");
    }
  }

  private static void row(
      PrintStream out,
      String system,
      String setting,
      double seconds,
      double accuracy,
      DoubleUnaryOperator timeTo,
      String notes) {
    double[] t = SpeedTargets.ACCURACIES;
    out.printf(
        Locale.ROOT,
        "%-22s %-40s %8.1f %8.4f %7s %7s %7s %7s  %s%n",
        system,
        clip(setting, 40),
        seconds,
        accuracy,
        secs(timeTo.applyAsDouble(t[0])),
        secs(timeTo.applyAsDouble(t[1])),
        secs(timeTo.applyAsDouble(t[2])),
        secs(timeTo.applyAsDouble(t[3])),
        notes);
  }

  private static String secs(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f", s);
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}

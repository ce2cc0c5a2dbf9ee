package sparkmlp.bench;

import java.util.ArrayList;
import java.util.List;
import sparkmlp.spark.report.LineChart;

/**
 * Accuracy against wall time as a {@link LineChart}: linear time, and log₁₀ time for runs far
 * apart.
 */
final class AccuracyChart {
  private AccuracyChart() {}

  static byte[] png(SparkRun ours, MlpcRun mlpc) {
    List<LineChart.Series> linear = new ArrayList<>();
    List<LineChart.Series> log = new ArrayList<>();
    double maxX = 1;
    if (ours != null) {
      double[] x = ours.epochs().stream().mapToDouble(SparkRun.Epoch::cumulativeSeconds).toArray();
      double[] y = ours.epochs().stream().mapToDouble(SparkRun.Epoch::testAccuracy).toArray();
      add(linear, log, "sparkmlp (Adam, batch " + ours.batch() + ")", x, y);
      for (double v : x) {
        maxX = Math.max(maxX, v);
      }
    }
    if (mlpc != null) {
      List<MlpcRun.Fit> lbfgs =
          mlpc.fits().stream().filter(f -> f.solver().equals("l-bfgs")).toList();
      List<MlpcRun.Fit> gd = mlpc.fits().stream().filter(f -> f.solver().equals("gd")).toList();
      if (!lbfgs.isEmpty()) {
        add(
            linear,
            log,
            "MLPC l-bfgs ("
                + lbfgs.stream()
                    .map(f -> String.valueOf(f.maxIter()))
                    .reduce((a, b) -> a + "/" + b)
                    .orElse("")
                + " it)",
            seconds(lbfgs),
            accuracies(lbfgs));
      }
      if (!gd.isEmpty()) {
        add(linear, log, "MLPC gd", seconds(gd), accuracies(gd));
      }
      for (MlpcRun.Fit f : mlpc.fits()) {
        maxX = Math.max(maxX, f.seconds());
      }
    }
    double minX = maxX;
    for (LineChart.Series sr : linear) {
      for (double v : sr.x()) {
        minX = Math.min(minX, v);
      }
    }
    linear.add(new LineChart.Series("0.88", new double[] {0, maxX}, new double[] {0.88, 0.88}));
    log.add(
        new LineChart.Series(
            "0.88", new double[] {Math.log10(minX), Math.log10(maxX)}, new double[] {0.88, 0.88}));
    return new LineChart()
        .add(
            new LineChart.Panel(
                "test accuracy vs training wall time", "seconds", "test accuracy", linear))
        .add(new LineChart.Panel("the same, log time", "log10 seconds", "test accuracy", log))
        .toPng();
  }

  private static void add(
      List<LineChart.Series> linear,
      List<LineChart.Series> log,
      String name,
      double[] x,
      double[] y) {
    linear.add(new LineChart.Series(name, x, y));
    double[] lx = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      lx[i] = Math.log10(x[i]);
    }
    log.add(new LineChart.Series(name, lx, y));
  }

  private static double[] seconds(List<MlpcRun.Fit> fits) {
    return fits.stream().mapToDouble(MlpcRun.Fit::seconds).toArray();
  }

  private static double[] accuracies(List<MlpcRun.Fit> fits) {
    return fits.stream().mapToDouble(MlpcRun.Fit::testAccuracy).toArray();
  }
}

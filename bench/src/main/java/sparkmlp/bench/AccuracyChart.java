package sparkmlp.bench;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import sparkmlp.spark.report.Charts;

/**
 * Test accuracy against training wall time, each of our runs (config and precision) and MLlib's
 * MLPC, with the 0.88 target as a dashed line: linear time, and the same on a logarithmic time axis
 * for runs far apart.
 */
final class AccuracyChart {
  /** The accuracy the benchmark's headline times are measured to. */
  static final double TARGET = 0.88;

  private AccuracyChart() {}

  static byte[] png(List<SparkRun> runs, MlpcRun mlpc) {
    XYChart linear = Charts.lineChart("Test accuracy vs training time", "seconds", "test accuracy");
    XYChart log =
        Charts.lineChart("The same, logarithmic time", "seconds (log scale)", "test accuracy");
    log.getStyler().setXAxisLogarithmic(true);
    double minX = Double.POSITIVE_INFINITY;
    double maxX = 0;
    for (XYChart c : List.of(linear, log)) {
      c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
      c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
      c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
      c.getStyler().setLegendPadding(4);
      for (SparkRun run : runs) {
        double[] x = run.epochs().stream().mapToDouble(SparkRun.Epoch::cumulativeSeconds).toArray();
        double[] y = run.epochs().stream().mapToDouble(SparkRun.Epoch::testAccuracy).toArray();
        Charts.addSeries(c, "sparkmlp " + run.label() + ", batch " + run.batch(), x, y);
      }
      if (mlpc != null) {
        List<MlpcRun.Fit> lbfgs =
            mlpc.fits().stream().filter(f -> f.solver().equals("l-bfgs")).toList();
        List<MlpcRun.Fit> gd = mlpc.fits().stream().filter(f -> f.solver().equals("gd")).toList();
        if (!lbfgs.isEmpty()) {
          String its =
              lbfgs.stream()
                  .map(f -> String.valueOf(f.maxIter()))
                  .reduce((a, b) -> a + "/" + b)
                  .orElse("");
          Charts.addSeries(c, "MLPC l-bfgs (" + its + " it)", seconds(lbfgs), accuracies(lbfgs));
        }
        if (!gd.isEmpty()) {
          Charts.addSeries(c, "MLPC gd", seconds(gd), accuracies(gd));
        }
      }
    }
    for (XYSeries s : linear.getSeriesMap().values()) {
      for (double v : s.getXData()) {
        if (v > 0) {
          minX = Math.min(minX, v);
        }
        maxX = Math.max(maxX, v);
      }
    }
    if (maxX > 0) {
      target(linear, 0, maxX);
      target(log, minX, maxX);
    }
    Charts.fitX(linear, 0, Double.POSITIVE_INFINITY);
    Charts.fitY(linear, 0, 1);
    Charts.fitY(log, 0, 1);
    return Charts.png(linear, log);
  }

  private static void target(XYChart c, double from, double to) {
    XYSeries t = c.addSeries("target", new double[] {from, to}, new double[] {TARGET, TARGET});
    t.setMarker(SeriesMarkers.NONE);
    t.setLineStyle(SeriesLines.DASH_DASH);
    t.setLineColor(Color.GRAY);
  }

  private static double[] seconds(List<MlpcRun.Fit> fits) {
    return fits.stream().mapToDouble(MlpcRun.Fit::seconds).toArray();
  }

  private static double[] accuracies(List<MlpcRun.Fit> fits) {
    return fits.stream().mapToDouble(MlpcRun.Fit::testAccuracy).toArray();
  }
}

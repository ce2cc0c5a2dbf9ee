package sparkmlp.spark.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import sparkmlp.core.train.EpochMetrics;

/**
 * {@code history.png}: training and validation loss per epoch, and validation accuracy per epoch
 * when the run has it (not for regression, nor without validation data).
 */
public final class HistoryChart {
  private HistoryChart() {}

  /** The chart of these epochs as PNG bytes. */
  public static byte[] png(List<EpochMetrics> history) {
    return Charts.png(panels(history).toArray(XYChart[]::new));
  }

  /** The loss panel, and the accuracy panel when there is validation accuracy. */
  static List<XYChart> panels(List<EpochMetrics> history) {
    int n = history.size();
    double[] epoch = new double[n];
    double[] loss = new double[n];
    double[] valLoss = new double[n];
    double[] valAcc = new double[n];
    for (int i = 0; i < n; i++) {
      EpochMetrics m = history.get(i);
      epoch[i] = m.epoch();
      loss[i] = m.loss();
      valLoss[i] = m.valLoss();
      valAcc[i] = m.valAccuracy();
    }
    XYChart lossChart = epochChart("Loss per epoch", "loss");
    Charts.addSeries(lossChart, "training loss", epoch, loss);
    Charts.addSeries(lossChart, "validation loss", epoch, valLoss);
    if (lossChart.getSeriesMap().isEmpty()) {
      lossChart.getStyler().setLegendVisible(false);
    }
    Charts.fitY(lossChart, 0, Double.POSITIVE_INFINITY);
    XYChart accChart = epochChart("Validation accuracy per epoch", "accuracy");
    XYSeries acc = Charts.addSeries(accChart, "validation accuracy", epoch, valAcc);
    if (acc == null) {
      return List.of(lossChart);
    }
    acc.setLineColor(Charts.color(2));
    acc.setMarkerColor(Charts.color(2));
    accChart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    Charts.fitY(accChart, 0, 1);
    return List.of(lossChart, accChart);
  }

  private static XYChart epochChart(String title, String yTitle) {
    XYChart c = Charts.lineChart(title, "epoch", yTitle);
    c.getStyler().setxAxisTickLabelsFormattingFunction(Charts.integerTicks());
    return c;
  }
}

package sparkmlp.spark.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts drawn with XChart and written as PNG, headless: one look for every chart we write
 * (history.png, the benchmark's accuracy against time), panels placed side by side in one image.
 */
public final class Charts {
  /** Width and height of one panel in pixels. */
  public static final int PANEL_WIDTH = 600;

  public static final int PANEL_HEIGHT = 420;

  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0xbcbd22),
    new Color(0x17becf)
  };

  private Charts() {}

  /** The colour of the i-th series of a chart (nine colours, cycled; grey is the target lines'). */
  public static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  /** An empty line chart with a title, axis titles and a legend inside the plot. */
  public static XYChart lineChart(String title, String xTitle, String yTitle) {
    XYChart c =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    Styler s = c.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setLegendBorderColor(new Color(0xcccccc));
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    c.getStyler().setPlotGridVerticalLinesVisible(false);
    c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    return c;
  }

  /**
   * Adds a series of the points whose x and y are both finite (a run without validation has NaN
   * validation figures), and x positive on a logarithmic x axis; returns null when there is none.
   */
  public static XYSeries addSeries(XYChart chart, String name, double[] x, double[] y) {
    boolean logX = chart.getStyler().isXAxisLogarithmic();
    int n = 0;
    double[] fx = new double[x.length];
    double[] fy = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && (x[i] > 0 || !logX)) {
        fx[n] = x[i];
        fy[n++] = y[i];
      }
    }
    if (n == 0) {
      return null;
    }
    int index = chart.getSeriesMap().size();
    XYSeries s = chart.addSeries(name, Arrays.copyOf(fx, n), Arrays.copyOf(fy, n));
    s.setLineColor(color(index));
    s.setMarkerColor(color(index));
    s.setMarker(n <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    return s;
  }

  /**
   * Tick labels for a count such as the epoch: the integer for a whole number, nothing between
   * (where the axis would otherwise print 7.5 or 7.00).
   */
  public static Function<Double, String> integerTicks() {
    return v -> v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : "";
  }

  /**
   * Sets the y axis to round bounds around the data, kept within [floor, ceiling] (0 and 1 for an
   * accuracy). Left to itself XChart puts the ticks on the data values when those are equally
   * spaced (two epochs, or accuracies on a validation set of 12), printing 0.8333333333333334.
   */
  public static void fitY(XYChart chart, double floor, double ceiling) {
    double[] r = dataRange(chart, false);
    if (r != null) {
      double[] b = roundBounds(r[0], r[1], floor, ceiling);
      chart.getStyler().setYAxisMin(b[0]);
      chart.getStyler().setYAxisMax(b[1]);
    }
  }

  /** As {@link #fitY} for a linear x axis. */
  public static void fitX(XYChart chart, double floor, double ceiling) {
    double[] r = dataRange(chart, true);
    if (r != null) {
      double[] b = roundBounds(r[0], r[1], floor, ceiling);
      chart.getStyler().setXAxisMin(b[0]);
      chart.getStyler().setXAxisMax(b[1]);
    }
  }

  private static double[] dataRange(XYChart chart, boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (XYSeries s : chart.getSeriesMap().values()) {
      for (double v : x ? s.getXData() : s.getYData()) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return lo <= hi ? new double[] {lo, hi} : null;
  }

  /**
   * [lo, hi] widened to multiples of a step of 1, 2 or 5 × 10^k that gives about five intervals,
   * then clipped to [floor, ceiling]; a single value gets a margin of 10% (1 around 0).
   */
  static double[] roundBounds(double lo, double hi, double floor, double ceiling) {
    if (hi == lo) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
    double raw = (hi - lo) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    double min = Math.max(floor, Math.floor(lo / step) * step);
    double max = Math.min(ceiling, Math.ceil(hi / step) * step);
    return new double[] {clean(min), clean(max)};
  }

  /** Rounds away the binary noise of k · step (0.30000000000000004) to 12 significant digits. */
  private static double clean(double v) {
    return v == 0 ? 0 : Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v));
  }

  /** The panels side by side, as PNG bytes. */
  public static byte[] png(XYChart... panels) {
    System.setProperty("java.awt.headless", "true");
    int w = 0;
    int h = 0;
    BufferedImage[] images = new BufferedImage[panels.length];
    for (int i = 0; i < panels.length; i++) {
      images[i] = BitmapEncoder.getBufferedImage(panels[i]);
      w += images[i].getWidth();
      h = Math.max(h, images[i].getHeight());
    }
    BufferedImage all = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = all.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    int x = 0;
    for (BufferedImage img : images) {
      g.drawImage(img, x, 0, null);
      x += img.getWidth();
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(all, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

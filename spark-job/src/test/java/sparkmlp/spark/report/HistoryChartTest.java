package sparkmlp.spark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import sparkmlp.core.train.EpochMetrics;

class HistoryChartTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** Pixels of exactly this colour in columns [x0, x1). */
  static int pixels(BufferedImage img, Color c, int x0, int x1) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = x0; x < x1; x++) {
        if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  static BufferedImage decode(byte[] png) throws IOException {
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  private static List<EpochMetrics> history(int epochs, boolean validation) {
    List<EpochMetrics> h = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      double loss = 1.2 / e;
      h.add(
          new EpochMetrics(
              e,
              loss,
              validation ? loss * 1.1 : Double.NaN,
              validation ? 1 - 0.5 / e : Double.NaN,
              0.01,
              120,
              0.5,
              0.1));
    }
    return h;
  }

  @Test
  void lossAndAccuracyPanelsAreDrawnSideBySide() throws IOException {
    BufferedImage img = decode(HistoryChart.png(history(13, true)));
    assertEquals(2 * Charts.PANEL_WIDTH, img.getWidth());
    assertEquals(Charts.PANEL_HEIGHT, img.getHeight());
    int w = Charts.PANEL_WIDTH;
    // training loss (colour 0) and validation loss (colour 1) in the left panel, accuracy right
    assertTrue(pixels(img, Charts.color(0), 0, w) > 200, "training loss drawn");
    assertTrue(pixels(img, Charts.color(1), 0, w) > 200, "validation loss drawn");
    assertTrue(pixels(img, Charts.color(2), w, 2 * w) > 200, "validation accuracy drawn");
    assertEquals(0, pixels(img, Charts.color(2), 0, w));
    assertEquals(0, pixels(img, Charts.color(0), w, 2 * w));
  }

  @Test
  void withoutValidationOnlyTheTrainingLossIsDrawn() throws IOException {
    BufferedImage img = decode(HistoryChart.png(history(3, false)));
    assertEquals(Charts.PANEL_WIDTH, img.getWidth());
    assertTrue(pixels(img, Charts.color(0), 0, img.getWidth()) > 100);
    assertEquals(0, pixels(img, Charts.color(1), 0, img.getWidth()));
  }

  @Test
  void oneEpochStillRenders() throws IOException {
    BufferedImage img = decode(HistoryChart.png(history(1, true)));
    assertEquals(2 * Charts.PANEL_WIDTH, img.getWidth());
    assertTrue(pixels(img, Charts.color(0), 0, Charts.PANEL_WIDTH) > 10);
  }

  @Test
  void epochTicksAreWholeNumbersOrBlank() {
    Function<Double, String> f = Charts.integerTicks();
    assertEquals("7", f.apply(7.0));
    assertEquals("13", f.apply(13.0));
    assertEquals("0", f.apply(-0.0));
    assertEquals("", f.apply(7.5));
    assertEquals("", f.apply(12.999999));
  }

  @Test
  void axesGetRoundBoundsNotTheDataValues() {
    // 13 epochs: losses 1.2/e and 1.32/e span [0.0923, 1.32], step 0.5 → [0, 1.5]; accuracies
    // 1 − 0.5/e span [0.5, 0.9615], step 0.1 → [0.5, 1]
    List<XYChart> p = HistoryChart.panels(history(13, true));
    assertEquals(0.0, p.get(0).getStyler().getYAxisMin());
    assertEquals(1.5, p.get(0).getStyler().getYAxisMax());
    assertEquals(0.5, p.get(1).getStyler().getYAxisMin());
    assertEquals(1.0, p.get(1).getStyler().getYAxisMax());
  }

  @Test
  void roundBoundsUseStepsOfOneTwoOrFive() {
    // iris validation accuracy 0.75..0.9167 (12 examples): step 0.05
    assertArrayEquals(new double[] {0.75, 0.95}, Charts.roundBounds(0.75, 11.0 / 12, 0, 1));
    // two epochs of loss 0.49 and 0.3588: step 0.05
    assertArrayEquals(new double[] {0.35, 0.5}, Charts.roundBounds(0.3588, 0.4903, 0, 1e300));
    // a loss from 0.0423 to 0.5924: step 0.2, not below 0
    assertArrayEquals(new double[] {0, 0.6}, Charts.roundBounds(0.0423, 0.5924, 0, 1e300));
    // one value: ±10%, clipped to the ceiling
    assertArrayEquals(new double[] {0.9, 1.0}, Charts.roundBounds(1.0, 1.0, 0, 1));
    assertArrayEquals(new double[] {0, 1}, Charts.roundBounds(0, 0, 0, 1));
    // seconds 3.5..290: step 100 → [0, 300]
    assertArrayEquals(new double[] {0, 300}, Charts.roundBounds(3.5, 290, 0, 1e300));
  }
}

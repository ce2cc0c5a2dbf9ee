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
              0.5));
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
}

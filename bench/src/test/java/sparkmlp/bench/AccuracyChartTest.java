package sparkmlp.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sparkmlp.core.data.Precision;
import sparkmlp.spark.report.Charts;

class AccuracyChartTest {
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static int pixels(BufferedImage img, Color c, int x0, int x1) {
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

  private static BufferedImage render(List<SparkRun> runs, MlpcRun mlpc) throws IOException {
    byte[] png = AccuracyChart.png(runs, mlpc);
    assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8));
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  /** Three epochs; a float run's take 0.6 of the time, so that its line lies apart. */
  private static SparkRun ours(Precision precision) {
    double k = precision == Precision.FLOAT ? 0.6 : 1.0;
    List<SparkRun.Epoch> epochs =
        List.of(
            new SparkRun.Epoch(1, 4.0 * k, 4.0 * k, 0.82, 0.5, 0.5, 0.2),
            new SparkRun.Epoch(2, 3.5 * k, 7.5 * k, 0.86, 0.4, 0.4, 0.2),
            new SparkRun.Epoch(3, 3.5 * k, 11.0 * k, 0.885, 0.35, 0.36, 0.2));
    return new SparkRun(
        epochs,
        2,
        11 * k,
        13,
        60000,
        784,
        2048,
        30,
        1L << 20,
        -1,
        0.885,
        null,
        "784-256-10",
        0,
        "",
        "fashion-mnist.conf",
        precision,
        "spark");
  }

  private static MlpcRun mlpc() {
    return new MlpcRun(
        new int[] {784, 256, 10},
        128,
        1,
        2,
        "native",
        3,
        List.of(
            new MlpcRun.Fit("l-bfgs", 10, 0, 30, 0.80),
            new MlpcRun.Fit("l-bfgs", 40, 0, 120, 0.87),
            new MlpcRun.Fit("gd", 100, 0.03, 300, 0.75)),
        List.of());
  }

  @Test
  void everyRunIsDrawnOnLinearAndLogTime() throws IOException {
    BufferedImage img = render(List.of(ours(Precision.DOUBLE), ours(Precision.FLOAT)), mlpc());
    int w = Charts.PANEL_WIDTH;
    assertEquals(2 * w, img.getWidth());
    assertEquals(Charts.PANEL_HEIGHT, img.getHeight());
    // series colours in order: ours double, ours float, MLPC l-bfgs, MLPC gd; each in both panels
    for (int s = 0; s < 4; s++) {
      assertTrue(pixels(img, Charts.color(s), 0, w) > 50, "series " + s + " linear");
      assertTrue(pixels(img, Charts.color(s), w, 2 * w) > 50, "series " + s + " log");
    }
  }

  @Test
  void theFullBenchmarksSixSeriesHaveSixColours() {
    // four sparkmlp runs (two configs, two precisions), MLPC l-bfgs and MLPC gd
    assertEquals(6, IntStream.range(0, 6).mapToObj(Charts::color).distinct().count());
  }

  @Test
  void oursAloneRenders() throws IOException {
    BufferedImage img = render(List.of(ours(Precision.FLOAT)), null);
    assertTrue(pixels(img, Charts.color(0), 0, Charts.PANEL_WIDTH) > 50);
    assertEquals(0, pixels(img, Charts.color(1), 0, 2 * Charts.PANEL_WIDTH));
  }
}

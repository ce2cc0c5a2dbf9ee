package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static sparkmlp.spark.io.IoFixtures.bytes;
import static sparkmlp.spark.io.IoFixtures.error;
import static sparkmlp.spark.io.IoFixtures.read;
import static sparkmlp.spark.io.IoFixtures.rows;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

  private static final int N = 5;
  private static final int ROWS = 2;
  private static final int COLS = 3;

  @TempDir Path dir;

  /** Image i has pixel j = 40 * i + j, so the last image reaches 255 (unsigned). */
  static byte[] images(int magic, int n, int pixelsWritten) {
    ByteBuffer b =
        ByteBuffer.allocate(16 + pixelsWritten).putInt(magic).putInt(n).putInt(ROWS).putInt(COLS);
    for (int k = 0; k < pixelsWritten; k++) {
      int i = k / (ROWS * COLS);
      int j = k % (ROWS * COLS);
      b.put((byte) (i == N - 1 && j == ROWS * COLS - 1 ? 255 : 40 * i + j));
    }
    return b.array();
  }

  static byte[] labels(int n) {
    ByteBuffer b = ByteBuffer.allocate(8 + n).putInt(IdxReader.LABELS_MAGIC).putInt(n);
    for (int i = 0; i < n; i++) {
      b.put((byte) ((7 * i) % 10));
    }
    return b.array();
  }

  private static DataSpec idx(Path images, Path labels) {
    return new DataSpec(
        "mlp.data.train",
        images.toString(),
        labels == null ? null : labels.toString(),
        DataSpec.Columns.labelled(List.of(), List.of()),
        new DataSpec.Layout(DataFormat.IDX, null, 0));
  }

  @Test
  void readsPlainAndGzippedFilesAlike() {
    for (boolean gzip : new boolean[] {false, true}) {
      String suffix = gzip ? ".gz" : "";
      Path images =
          bytes(
              dir,
              "train-images-idx3-ubyte" + suffix,
              images(IdxReader.IMAGES_MAGIC, N, N * ROWS * COLS),
              gzip);
      Path labels = bytes(dir, "train-labels-idx1-ubyte" + suffix, labels(N), gzip);
      RawData data = read(idx(images, labels));
      assertEquals(
          List.of("pixel0", "pixel1", "pixel2", "pixel3", "pixel4", "pixel5"), data.featureNames());
      assertEquals(List.of("label"), data.labelNames());
      List<RawExample> rows = rows(data);
      assertEquals(N, rows.size());
      assertArrayEquals(new double[] {40, 41, 42, 43, 44, 45}, rows.get(1).features());
      assertArrayEquals(new double[] {160, 161, 162, 163, 164, 255}, rows.get(4).features());
      assertEquals(
          List.of("0", "7", "4", "1", "8"), rows.stream().map(r -> r.labels()[0]).toList());
      assertEquals(List.of(0L, 1L, 2L, 3L, 4L), rows.stream().map(RawExample::index).toList());
    }
  }

  @Test
  void findsTheMnistLabelsFileNextToTheImagesWhenNoneIsGiven() {
    Path images =
        bytes(
            dir,
            "t10k-images-idx3-ubyte.gz",
            images(IdxReader.IMAGES_MAGIC, N, N * ROWS * COLS),
            true);
    bytes(dir, "t10k-labels-idx1-ubyte.gz", labels(N), true);
    assertEquals("7", rows(read(idx(images, null))).get(1).labels()[0]);
  }

  @Test
  void reportsAWrongMagicNumber() {
    Path labels = bytes(dir, "l", labels(N), false);
    assertEquals(labels + ": not an IDX image file (magic 0x00000801)", error(idx(labels, labels)));
  }

  @Test
  void reportsTruncatedPixelsAndLabels() {
    Path labels = bytes(dir, "l.gz", labels(N), true);
    Path images = bytes(dir, "i.gz", images(IdxReader.IMAGES_MAGIC, N, N * ROWS * COLS - 4), true);
    assertEquals(
        images + ": truncated: expected 30 bytes of pixels, found 26", error(idx(images, labels)));

    Path whole = bytes(dir, "i", images(IdxReader.IMAGES_MAGIC, N, N * ROWS * COLS), false);
    Path shortLabels = bytes(dir, "l2", Arrays.copyOf(labels(N), 8 + 3), false);
    assertEquals(
        shortLabels + ": truncated: expected 5 bytes of labels, found 3",
        error(idx(whole, shortLabels)));

    Path header = bytes(dir, "h", Arrays.copyOf(images(IdxReader.IMAGES_MAGIC, N, 0), 10), false);
    assertEquals(
        header + ": truncated: expected a 16-byte header, found 10", error(idx(header, labels)));
  }

  @Test
  void reportsMismatchedCountsAndEmptyFiles() {
    Path images = bytes(dir, "i", images(IdxReader.IMAGES_MAGIC, N, N * ROWS * COLS), false);
    Path labels = bytes(dir, "l", labels(N - 1), false);
    assertEquals(labels + ": 4 labels for 5 images in " + images, error(idx(images, labels)));

    Path empty = bytes(dir, "e", new byte[0], false);
    assertEquals(empty + ": file is empty", error(idx(empty, labels)));
    assertEquals(
        "mlp.data.train: no such file or directory: " + dir.resolve("nope"),
        error(idx(images, dir.resolve("nope"))));
  }
}

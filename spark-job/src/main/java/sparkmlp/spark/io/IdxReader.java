package sparkmlp.spark.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Reads IDX files (MNIST, Fashion-MNIST): an images file of unsigned bytes and a labels file, each
 * gzipped or not (told by content, not name). They are small, so the driver reads them through
 * Hadoop streams and parallelises compact byte slices; executors widen pixels to doubles 0..255.
 */
final class IdxReader {

  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;

  /** Bytes of pixels per slice: enough images per task to be worth a task, few enough to ship. */
  private static final long SLICE_BYTES = 4L << 20;

  private IdxReader() {}

  /** Pixels and labels of consecutive images, the first being example {@code first}. */
  private record Slice(long first, int pixelsPerImage, byte[] pixels, byte[] labels)
      implements Serializable {
    Iterator<RawExample> examples() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < labels.length;
        }

        @Override
        public RawExample next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          double[] x = new double[pixelsPerImage];
          int offset = next * pixelsPerImage;
          for (int j = 0; j < x.length; j++) {
            x[j] = pixels[offset + j] & 0xff;
          }
          String label = Integer.toString(labels[next] & 0xff);
          return new RawExample(first + next++, x, new String[] {label});
        }
      };
    }
  }

  static RawData read(JavaSparkContext sc, DataSpec spec, InputPath images) {
    InputPath labels =
        InputPath.resolve(sc.hadoopConfiguration(), spec.configKey(), labelsPath(spec, images));
    InputFile imageFile = single(images);
    InputFile labelFile = single(labels);
    List<Slice> slices;
    int perImage;
    try (InputStream img = open(images, imageFile);
        InputStream lab = open(labels, labelFile)) {
      Dims d = dims(img, imageFile);
      byte[] allLabels = labels(lab, labelFile, imageFile, d.n());
      perImage = d.rows() * d.cols();
      long perSlice =
          Math.max(
              1,
              Math.min(
                  SLICE_BYTES / perImage,
                  (d.n() + sc.defaultParallelism() - 1L) / sc.defaultParallelism()));
      slices = slices(img, imageFile, d.n(), perImage, perSlice, allLabels);
      if (img.read() >= 0) {
        throw new InputException(
            imageFile.display()
                + ": more data than the header's "
                + d.n()
                + " images of "
                + d.rows()
                + "×"
                + d.cols()
                + " pixels");
      }
      if (lab.read() >= 0) {
        throw new InputException(
            labelFile.display() + ": more data than the header's " + d.n() + " labels");
      }
    } catch (IOException e) {
      throw new InputException(imageFile.display() + ": cannot read: " + e.getMessage(), e);
    }
    List<String> names = new ArrayList<>(perImage);
    for (int j = 0; j < perImage; j++) {
      names.add("pixel" + j);
    }
    return new RawData(
        images.given(),
        names,
        List.of("label"),
        sc.parallelize(slices, slices.size()).flatMap(Slice::examples));
  }

  /** Image count and size from the images file's header. */
  private record Dims(int n, int rows, int cols) {}

  private static Dims dims(InputStream img, InputFile imageFile) throws IOException {
    byte[] header = header(img, imageFile, 16, IMAGES_MAGIC, "image");
    int n = intAt(header, 4);
    int rows = intAt(header, 8);
    int cols = intAt(header, 12);
    if (n <= 0 || rows <= 0 || cols <= 0 || (long) rows * cols > Integer.MAX_VALUE / 8) {
      throw new InputException(
          imageFile.display()
              + ": bad IDX dimensions "
              + Integer.toUnsignedString(n)
              + "×"
              + Integer.toUnsignedString(rows)
              + "×"
              + Integer.toUnsignedString(cols));
    }
    return new Dims(n, rows, cols);
  }

  /** All {@code n} labels, after checking the labels file's header against the images'. */
  private static byte[] labels(InputStream lab, InputFile labelFile, InputFile imageFile, int n)
      throws IOException {
    int count = intAt(header(lab, labelFile, 8, LABELS_MAGIC, "label"), 4);
    if (count != n) {
      throw new InputException(
          labelFile.display()
              + ": "
              + Integer.toUnsignedString(count)
              + " labels for "
              + n
              + " images in "
              + imageFile.display());
    }
    byte[] allLabels = new byte[n];
    int gotLabels = readFully(lab, allLabels, allLabels.length);
    if (gotLabels < n) {
      throw new InputException(
          labelFile.display()
              + ": truncated: expected "
              + n
              + " bytes of labels, found "
              + gotLabels);
    }
    return allLabels;
  }

  /** The pixels in slices of {@code perSlice} images, each with its labels. */
  private static List<Slice> slices(
      InputStream img, InputFile imageFile, int n, int perImage, long perSlice, byte[] allLabels)
      throws IOException {
    List<Slice> slices = new ArrayList<>();
    long pixelsRead = 0;
    for (int first = 0; first < n; first += (int) perSlice) {
      int k = (int) Math.min(perSlice, n - first);
      byte[] pixels = new byte[k * perImage];
      int got = readFully(img, pixels, pixels.length);
      pixelsRead += got;
      if (got < pixels.length) {
        throw new InputException(
            imageFile.display()
                + ": truncated: expected "
                + (long) n * perImage
                + " bytes of pixels, found "
                + pixelsRead);
      }
      byte[] sliceLabels = Arrays.copyOfRange(allLabels, first, first + k);
      slices.add(new Slice(first, perImage, pixels, sliceLabels));
    }
    return slices;
  }

  /** The labels path: as given, else the MNIST sibling of the images file. */
  private static String labelsPath(DataSpec spec, InputPath images) {
    if (spec.labelsPath() != null && !spec.labelsPath().isBlank()) {
      return spec.labelsPath();
    }
    String given = images.given();
    int slash = given.lastIndexOf('/');
    String name = given.substring(slash + 1);
    if (!name.contains("images-idx3-ubyte")) {
      throw new InputException(
          spec.configKey() + ": IDX images need a labels file; none given for " + given);
    }
    return given.substring(0, slash + 1) + name.replace("images-idx3-ubyte", "labels-idx1-ubyte");
  }

  private static InputFile single(InputPath path) {
    if (path.isDirectory()) {
      throw new InputException(path.given() + ": is a directory; expected an IDX file");
    }
    return path.files().get(0);
  }

  /** The file's bytes, gunzipped if they start with the gzip magic. */
  private static InputStream open(InputPath path, InputFile file) throws IOException {
    InputStream in = new BufferedInputStream(path.open(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b
        ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16)
        : in;
  }

  private static byte[] header(InputStream in, InputFile file, int length, int magic, String kind)
      throws IOException {
    byte[] header = new byte[length];
    int got = readFully(in, header, length);
    if (got == 0) {
      throw new InputException(file.display() + ": file is empty");
    }
    if (got >= 4 && intAt(header, 0) != magic) {
      throw new InputException(
          file.display()
              + ": not an IDX "
              + kind
              + " file (magic 0x"
              + String.format("%08x", intAt(header, 0))
              + ")");
    }
    if (got < length) {
      throw new InputException(
          file.display() + ": truncated: expected a " + length + "-byte header, found " + got);
    }
    return header;
  }

  /**
   * Reads up to {@code length} bytes; fewer only at the end of the data (a cut gzip stream counts
   * as the end).
   */
  private static int readFully(InputStream in, byte[] buffer, int length) throws IOException {
    int got = 0;
    try {
      while (got < length) {
        int r = in.read(buffer, got, length - got);
        if (r < 0) {
          break;
        }
        got += r;
      }
    } catch (EOFException e) {
      // GZIPInputStream's way of saying the compressed data stops early.
    }
    return got;
  }

  private static int intAt(byte[] b, int offset) {
    return ((b[offset] & 0xff) << 24)
        | ((b[offset + 1] & 0xff) << 16)
        | ((b[offset + 2] & 0xff) << 8)
        | (b[offset + 3] & 0xff);
  }
}

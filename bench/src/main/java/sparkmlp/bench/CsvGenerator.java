package sparkmlp.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * The data benchmark's input: a deterministic CSV of {@code rows × features} numbers and a class
 * label, {@code f1,…,fN,label}, each class a Gaussian cloud around its own centre, values written
 * with five decimals (about 8.5 bytes a cell, as a typical exported table). Written once under the
 * work directory and reused; the name says its shape and seed, and a half-written file never gets
 * that name.
 */
final class CsvGenerator {
  static final long SEED = 20241;

  private CsvGenerator() {}

  /** The file of this shape, generated first if it is not there yet. */
  static Path file(Path workDir, long rows, int features, int classes) {
    Path file =
        workDir.resolve("data-" + rows + "x" + features + "x" + classes + "-" + SEED + ".csv");
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(workDir);
      Path partial = Files.createTempFile(workDir, "generating-", ".csv");
      write(partial, rows, features, classes);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path out, long rows, int features, int classes) throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    double[][] centres = new double[classes][features];
    for (double[] c : centres) {
      for (int j = 0; j < features; j++) {
        c[j] = random.nextDouble(-2, 2);
      }
    }
    StringBuilder line = new StringBuilder(16 * features);
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
      for (int j = 1; j <= features; j++) {
        w.write("f" + j + ",");
      }
      w.write("label\n");
      for (long i = 0; i < rows; i++) {
        int k = random.nextInt(classes);
        line.setLength(0);
        for (int j = 0; j < features; j++) {
          appendFixed5(line, centres[k][j] + gaussian(random));
          line.append(',');
        }
        line.append(k).append('\n');
        w.append(line);
      }
    }
  }

  /** A standard normal draw (Box–Muller, one of the pair). */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** {@code v} with five decimals, without String.format's cost. */
  private static void appendFixed5(StringBuilder sb, double v) {
    long scaled = Math.round(v * 100_000);
    if (scaled < 0) {
      sb.append('-');
      scaled = -scaled;
    }
    sb.append(scaled / 100_000).append('.');
    long frac = scaled % 100_000;
    for (long p = 10_000; p > 0; p /= 10) {
      sb.append((char) ('0' + frac / p % 10));
    }
  }
}

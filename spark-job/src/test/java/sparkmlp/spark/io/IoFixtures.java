package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Small helpers the io tests share: fixture files, specs, reading, and catching the one-line error.
 */
final class IoFixtures {

  private IoFixtures() {}

  /** Writes {@code lines} joined by newlines (with a final newline) to {@code dir/name}. */
  static Path text(Path dir, String name, String... lines) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, lines.length == 0 ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} to {@code dir/name}, gzipped if {@code gzip}. */
  static Path bytes(Path dir, String name, byte[] bytes, boolean gzip) {
    try {
      Path file = dir.resolve(name);
      try (OutputStream out =
          gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
        out.write(bytes);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DataSpec csv(String path, List<String> labels, List<String> features) {
    return new DataSpec(
        "mlp.data.train",
        path,
        null,
        DataSpec.Columns.labelled(labels, features),
        new DataSpec.Layout(DataFormat.CSV, null, 0));
  }

  static DataSpec spec(String path, DataFormat format) {
    return new DataSpec(
        "mlp.data.train",
        path,
        null,
        DataSpec.Columns.labelled(List.of("label"), List.of()),
        new DataSpec.Layout(format, null, 0));
  }

  static RawData read(DataSpec spec) {
    return DataReader.read(IoTestSpark.get(), spec);
  }

  /** All rows, in index order. */
  static List<RawExample> rows(RawData data) {
    return data.rows().collect().stream()
        .sorted(Comparator.comparingLong(RawExample::index))
        .toList();
  }

  /**
   * The one-line message of the InputException that reading (and collecting) {@code spec} raises.
   */
  static String error(DataSpec spec) {
    return error(() -> read(spec).rows().collect());
  }

  /**
   * The one-line message of the InputException {@code action} raises, directly or from a Spark
   * task.
   */
  static String error(Runnable action) {
    try {
      action.run();
    } catch (Exception e) { // SparkException is checked, but collect() throws it anyway
      InputException found = InputException.find(e);
      assertNotNull(found, () -> "expected an InputException, got " + e);
      return found.getMessage();
    }
    return fail("expected an InputException, but reading succeeded");
  }
}

package sparkmlp.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths of the bundled datasets and tiny CSV helpers for tests. */
public final class TestData {
  private TestData() {}

  /** The repository root (tests run from spark-job/). */
  public static Path root() {
    Path p = Path.of("").toAbsolutePath();
    return Files.exists(p.resolve("datasets")) ? p : p.getParent();
  }

  public static String dataset(String name, String file) {
    return root().resolve("datasets").resolve(name).resolve(file).toString();
  }

  public static String conf(String name) {
    return root().resolve("conf").resolve(name).toString();
  }

  /** A CSV's data rows split on commas (header dropped). */
  public static List<String[]> rows(String path) {
    try {
      List<String> lines = Files.readAllLines(Path.of(path));
      List<String[]> out = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        if (!l.isBlank()) {
          out.add(l.split(",", -1));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String header(String path) {
    try {
      return Files.readAllLines(Path.of(path)).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path dir, String name, String content) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

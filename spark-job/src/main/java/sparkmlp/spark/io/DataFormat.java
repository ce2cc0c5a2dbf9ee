package sparkmlp.spark.io;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The input formats ({@code mlp.data.format}), and how {@code auto} tells them from file names. */
public enum DataFormat {
  AUTO,
  CSV,
  LIBSVM,
  PARQUET,
  IDX;

  private static final Pattern IDX_NAME = Pattern.compile(".*-idx\\d-ubyte(\\.gz)?");

  /** The name used in configs: {@code auto}, {@code csv}, {@code libsvm}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format a file name implies: {@code .csv}/{@code .csv.gz}, {@code .libsvm}/{@code .svm},
   * {@code .parquet}, {@code *-idx?-ubyte[.gz]} .
   */
  static Optional<DataFormat> fromFileName(String fileName) {
    String name = fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
      return Optional.of(CSV);
    }
    if (name.endsWith(".libsvm") || name.endsWith(".svm")) {
      return Optional.of(LIBSVM);
    }
    if (name.endsWith(".parquet")) {
      return Optional.of(PARQUET);
    }
    if (IDX_NAME.matcher(name).matches()) {
      return Optional.of(IDX);
    }
    return Optional.empty();
  }

  /**
   * The format of {@code in} by name: a file by its own name; a directory by its name, else by its
   * part files' names when they agree, else Parquet (Spark writes Parquet part files without a
   * telling directory name, and partitioned tables as subdirectories).
   */
  static DataFormat detect(InputPath in) {
    Optional<DataFormat> byName = fromFileName(in.name());
    if (byName.isPresent()) {
      return byName.get();
    }
    if (!in.isDirectory()) {
      throw new InputException(
          in.given() + ": cannot tell the format from the name; set mlp.data.format");
    }
    if (in.hasSubdirectories()) {
      return PARQUET;
    }
    Set<DataFormat> seen = new HashSet<>();
    for (InputFile f : in.files()) {
      String name = f.uri().substring(f.uri().lastIndexOf('/') + 1);
      seen.add(fromFileName(name).orElse(AUTO));
    }
    return seen.size() == 1 && !seen.contains(AUTO) ? seen.iterator().next() : PARQUET;
  }
}

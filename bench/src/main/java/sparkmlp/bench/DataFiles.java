package sparkmlp.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The data benchmark's generated rows in each format it measures: the CSV itself ({@link
 * CsvGenerator}), or the same rows, in the same order, as LibSVM text (label first, then every
 * feature as {@code j:value} with the CSV's own decimal text) or as a directory of Parquet part
 * files (doubles and an int label, as Spark's CSV source reads them with the schema given). Written
 * once beside the CSV and reused; a half-written file never gets its name.
 */
final class DataFiles {
  /** The formats {@code --data-format} takes. */
  static final List<String> FORMATS = List.of("csv", "libsvm", "parquet");

  private DataFiles() {}

  /** The schema of the generated rows: {@code f1..fN} doubles and an int {@code label}. */
  static StructType schema(int features) {
    List<StructField> fields = new ArrayList<>();
    for (int j = 1; j <= features; j++) {
      fields.add(DataTypes.createStructField("f" + j, DataTypes.DoubleType, false));
    }
    fields.add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
    return DataTypes.createStructType(fields.toArray(new StructField[0]));
  }

  /** The rows of {@code csv} in {@code format}, converted first if not there yet. */
  static Path in(String format, Path csv, int features, SparkSession spark) {
    String name = csv.getFileName().toString();
    String base = name.substring(0, name.length() - ".csv".length());
    try {
      switch (format.toLowerCase(Locale.ROOT)) {
        case "csv":
          return csv;
        case "libsvm":
          {
            Path file = csv.resolveSibling(base + ".libsvm");
            if (!Files.exists(file)) {
              Path partial = Files.createTempFile(csv.getParent(), "converting-", ".libsvm");
              toLibSvm(csv, partial);
              Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return file;
          }
        case "parquet":
          {
            Path dir = csv.resolveSibling(base + ".parquet");
            if (!Files.exists(dir)) {
              Path partial = csv.resolveSibling("converting-" + base + ".parquet");
              spark
                  .read()
                  .schema(schema(features))
                  .option("header", "true")
                  .csv(csv.toString())
                  .write()
                  .mode("overwrite")
                  .parquet(partial.toString());
              Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            }
            return dir;
          }
        default:
          throw new IllegalArgumentException(
              "--data-format: expected one of " + FORMATS + ", found '" + format + "'");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code f1,…,fN,label} lines as {@code label 1:f1 … N:fN}, the header dropped. */
  private static void toLibSvm(Path csv, Path out) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.US_ASCII);
        BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
      in.readLine();
      StringBuilder line = new StringBuilder();
      for (String s = in.readLine(); s != null; s = in.readLine()) {
        String[] cells = s.split(",", -1);
        line.setLength(0);
        line.append(cells[cells.length - 1]);
        for (int j = 0; j < cells.length - 1; j++) {
          line.append(' ').append(j + 1).append(':').append(cells[j]);
        }
        line.append('\n');
        w.append(line);
      }
    }
  }
}

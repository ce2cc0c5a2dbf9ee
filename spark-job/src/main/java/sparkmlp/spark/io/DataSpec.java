package sparkmlp.spark.io;

import java.util.List;

/**
 * What to read.
 *
 * @param configKey the config key the path came from (e.g. {@code mlp.data.train}), named in
 *     messages about a missing path
 * @param path the data: a file or a directory of part files, on any Hadoop file system
 * @param format the file format; {@code null} means {@link DataFormat#AUTO}
 * @param labelsPath the IDX labels file, else {@code null} (for IDX, {@code null} means the MNIST
 *     sibling: {@code *-images-idx3-ubyte} becomes {@code *-labels-idx1-ubyte})
 * @param labelColumns CSV/Parquet label column names; empty means the data has no labels
 * @param featureColumns CSV/Parquet feature column names; empty means all non-label columns
 * @param featuresColumn Parquet vector (or number array) column of features, used when the data has
 *     it and {@code featureColumns} is empty; else {@code null}
 * @param numFeatures LibSVM feature count; 0 means infer the largest index from the data
 * @param keepOnly true when {@code labelColumns} are not labels but columns to copy through to the
 *     output ({@code mlp predict --keep}): any value is accepted (blank CSV cells and Parquet nulls
 *     as null), they may also be features, and messages call them columns to keep
 */
public record DataSpec(
    String configKey,
    String path,
    DataFormat format,
    String labelsPath,
    List<String> labelColumns,
    List<String> featureColumns,
    String featuresColumn,
    int numFeatures,
    boolean keepOnly) {

  /** A spec whose label columns are labels. */
  public DataSpec(
      String configKey,
      String path,
      DataFormat format,
      String labelsPath,
      List<String> labelColumns,
      List<String> featureColumns,
      String featuresColumn,
      int numFeatures) {
    this(
        configKey,
        path,
        format,
        labelsPath,
        labelColumns,
        featureColumns,
        featuresColumn,
        numFeatures,
        false);
  }

  /** Defaults {@code null}s (format {@code auto}, empty lists) and copies the lists. */
  public DataSpec {
    configKey = configKey == null ? "path" : configKey;
    format = format == null ? DataFormat.AUTO : format;
    labelColumns = labelColumns == null ? List.of() : List.copyOf(labelColumns);
    featureColumns = featureColumns == null ? List.of() : List.copyOf(featureColumns);
    if (numFeatures < 0) {
      throw new IllegalArgumentException(
          "numFeatures must be >= 0 (0 = infer), got " + numFeatures);
    }
  }

  /** What the label columns are called in messages: "label column" or "column to keep". */
  String labelRole() {
    return keepOnly ? "column to keep" : "label column";
  }
}

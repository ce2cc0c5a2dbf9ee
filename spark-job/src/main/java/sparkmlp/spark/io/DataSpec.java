package sparkmlp.spark.io;

import java.util.List;

/**
 * What to read.
 *
 * @param configKey the config key the path came from (e.g. {@code mlp.data.train}), named in
 *     messages about a missing path
 * @param path the data: a file or a directory of part files, on any Hadoop file system
 * @param labelsPath the IDX labels file, else {@code null} (for IDX, {@code null} means the MNIST
 *     sibling: {@code *-images-idx3-ubyte} becomes {@code *-labels-idx1-ubyte})
 * @param columns which columns are labels (or kept) and which are features
 * @param layout the file format and how its features are laid out
 */
public record DataSpec(
    String configKey, String path, String labelsPath, Columns columns, Layout layout) {

  /**
   * The columns to read.
   *
   * @param labels CSV/Parquet label column names; empty means the data has no labels
   * @param features CSV/Parquet feature column names; empty means all non-label columns
   * @param keepOnly true when {@code labels} are not labels but columns to copy through to the
   *     output ({@code mlp predict --keep}): any value is accepted (blank CSV cells and Parquet
   *     nulls as null), they may also be features, and messages call them columns to keep
   */
  public record Columns(List<String> labels, List<String> features, boolean keepOnly) {
    /** Defaults {@code null}s to empty lists and copies the lists. */
    public Columns {
      labels = labels == null ? List.of() : List.copyOf(labels);
      features = features == null ? List.of() : List.copyOf(features);
    }

    /** Label columns that are labels. */
    public static Columns labelled(List<String> labels, List<String> features) {
      return new Columns(labels, features, false);
    }
  }

  /**
   * The file format and its features' layout, as {@code mlp.data} configures them.
   *
   * @param format the file format; {@code null} means {@link DataFormat#AUTO}
   * @param featuresColumn Parquet vector (or number array) column of features, used when the data
   *     has it and no feature columns are named; else {@code null}
   * @param numFeatures LibSVM feature count; 0 means infer the largest index from the data
   */
  public record Layout(DataFormat format, String featuresColumn, int numFeatures) {
    /** Defaults a {@code null} format to {@code auto}. */
    public Layout {
      format = format == null ? DataFormat.AUTO : format;
      if (numFeatures < 0) {
        throw new IllegalArgumentException(
            "numFeatures must be >= 0 (0 = infer), got " + numFeatures);
      }
    }
  }

  /** Defaults a {@code null} config key to "path". */
  public DataSpec {
    configKey = configKey == null ? "path" : configKey;
  }

  /** The file format. */
  public DataFormat format() {
    return layout.format();
  }

  /** The Parquet features column, or null. */
  public String featuresColumn() {
    return layout.featuresColumn();
  }

  /** The LibSVM feature count, 0 to infer it. */
  public int numFeatures() {
    return layout.numFeatures();
  }

  /** The label (or kept) columns. */
  public List<String> labelColumns() {
    return columns.labels();
  }

  /** The feature columns, empty for all others. */
  public List<String> featureColumns() {
    return columns.features();
  }

  /** Whether the label columns are columns to keep. */
  public boolean keepOnly() {
    return columns.keepOnly();
  }

  /** What the label columns are called in messages: "label column" or "column to keep". */
  String labelRole() {
    return columns.keepOnly() ? "column to keep" : "label column";
  }
}

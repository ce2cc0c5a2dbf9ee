package sparkmlp.spark.config;

import java.util.List;
import java.util.Objects;
import sparkmlp.core.data.Precision;
import sparkmlp.spark.io.DataFormat;

/**
 * What to read and how ({@code mlp.data}). Paths are strings because they may be URIs ({@code
 * file://}, {@code hdfs://}, {@code s3a://}); an unset path is {@code null}.
 *
 * @param format file format, or {@link DataFormat#AUTO} to go by the file name
 * @param train training data; {@code null} when unset ({@code train} requires it)
 * @param trainLabels IDX labels file for {@code train}, else {@code null}
 * @param validation validation data, or {@code null}
 * @param validationLabels IDX labels file for {@code validation}, else {@code null}
 * @param validationSplit fraction of the training rows held out for validation, in [0, 1)
 * @param test test data, or {@code null}
 * @param testLabels IDX labels file for {@code test}, else {@code null}
 * @param labelColumn the label column (CSV, Parquet)
 * @param labelColumns several label columns (multilabel); empty means use {@code labelColumn}
 * @param featureColumns feature columns; empty means every column that is not a label
 * @param featuresColumn Parquet vector column of features, used when present
 * @param numFeatures LibSVM feature count; 0 means infer from the data
 * @param classNames explicit class order; empty means sorted as found
 * @param partitions number of Spark partitions; 0 means Spark's default parallelism
 * @param storage precision the examples are cached in
 * @param holdout data retrain's gate evaluates on, or {@code null} for {@code test}
 */
public record DataSettings(
    DataFormat format,
    String train,
    String trainLabels,
    String validation,
    String validationLabels,
    double validationSplit,
    String test,
    String testLabels,
    String labelColumn,
    List<String> labelColumns,
    List<String> featureColumns,
    String featuresColumn,
    int numFeatures,
    List<String> classNames,
    int partitions,
    Precision storage,
    String holdout) {

  /** Copies the lists and rejects missing required values. */
  public DataSettings {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(labelColumn, "labelColumn");
    labelColumns = List.copyOf(labelColumns);
    featureColumns = List.copyOf(featureColumns);
    Objects.requireNonNull(featuresColumn, "featuresColumn");
    classNames = List.copyOf(classNames);
    Objects.requireNonNull(storage, "storage");
  }
}

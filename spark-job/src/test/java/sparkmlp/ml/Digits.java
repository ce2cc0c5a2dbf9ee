package sparkmlp.ml;

import java.util.Arrays;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.TestData;

/** The bundled digits CSVs as DataFrames (64 pixel columns and {@code label}), read once. */
final class Digits {
  static final String TRAIN = TestData.dataset("digits", "train.csv");
  static final String TEST = TestData.dataset("digits", "test.csv");
  private static Dataset<Row> train;
  private static Dataset<Row> test;

  private Digits() {}

  static SparkSession spark() {
    return SharedSpark.session();
  }

  static synchronized Dataset<Row> train() {
    if (train == null) {
      train = read(TRAIN).cache();
    }
    return train;
  }

  static synchronized Dataset<Row> test() {
    if (test == null) {
      test = read(TEST).cache();
    }
    return test;
  }

  private static Dataset<Row> read(String path) {
    return spark().read().option("header", true).option("inferSchema", true).csv(path);
  }

  /** The pixel columns, in file order. */
  static String[] pixels() {
    return Arrays.stream(train().columns()).filter(c -> !c.equals("label")).toArray(String[]::new);
  }

  static VectorAssembler assembler() {
    return new VectorAssembler().setInputCols(pixels()).setOutputCol("features");
  }

  /** Rows with a {@code features} vector column (and every input column). */
  static Dataset<Row> assembled(Dataset<Row> df) {
    return assembler().transform(df);
  }
}

package sparkmlp.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Spark's own reader of the data benchmark's LibSVM or Parquet file, the reference preparation of
 * that format is measured against, as {@link SparkCsvRead} is for CSV: Parquet with every column
 * summed; LibSVM through Spark ML's {@code libsvm} source (the width inferred, as sparkmlp infers
 * it) with the label and every value of each row's vector summed, so every cell is read.
 */
final class SparkFormatRead {
  private SparkFormatRead() {}

  /** Seconds to read and sum {@code file} in {@code format}. */
  static double seconds(SparkSession spark, String file, int features, String format) {
    long start = System.nanoTime();
    Dataset<Row> sums;
    if (format.equals("parquet")) {
      List<Column> columns = new ArrayList<>();
      for (String name : DataFiles.schema(features).fieldNames()) {
        columns.add(functions.sum(name));
      }
      sums =
          spark
              .read()
              .parquet(file)
              .agg(columns.get(0), columns.subList(1, columns.size()).toArray(new Column[0]));
    } else {
      sums =
          spark
              .read()
              .format("libsvm")
              .load(file)
              .select(
                  functions.col("label"),
                  org.apache
                      .spark
                      .ml
                      .functions
                      .vector_to_array(functions.col("features"), "float64")
                      .as("values"))
              .agg(
                  functions.sum("label"),
                  functions.sum(functions.expr("aggregate(values, 0D, (a, x) -> a + x)")));
    }
    Row r = sums.first();
    if (r.isNullAt(0)) {
      throw new IllegalStateException("no rows in " + file);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** {@code SparkFormatRead FILE FEATURES MASTER FORMAT}: prints the seconds of one read. */
  public static void main(String[] args) {
    SparkCsvRead.timedInFreshSession(
        args[2],
        "spark-" + args[3] + "-read",
        spark -> seconds(spark, args[0], Integer.parseInt(args[1]), args[3]));
  }
}

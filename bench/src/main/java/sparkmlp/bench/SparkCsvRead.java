package sparkmlp.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Spark's own CSV source on the data benchmark's file, the reference preparation is measured
 * against: the schema given (no inference pass), every column summed, so every cell is parsed.
 * {@link #main} runs it once in a fresh JVM (as sparkmlp's own first preparation runs) and prints
 * the seconds and the process's CPU seconds; {@link #seconds} runs it in the caller's session.
 */
final class SparkCsvRead {
  private SparkCsvRead() {}

  /** Seconds to read and sum {@code file} of {@code features} columns and a label. */
  static double seconds(SparkSession spark, String file, int features) {
    List<StructField> fields = new ArrayList<>();
    List<Column> sums = new ArrayList<>();
    for (int j = 1; j <= features; j++) {
      fields.add(DataTypes.createStructField("f" + j, DataTypes.DoubleType, false));
      sums.add(functions.sum("f" + j));
    }
    fields.add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
    sums.add(functions.sum("label"));
    long start = System.nanoTime();
    Row r =
        spark
            .read()
            .schema(DataTypes.createStructType(fields.toArray(new StructField[0])))
            .option("header", "true")
            .csv(file)
            .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]))
            .first();
    if (r.isNullAt(0)) {
      throw new IllegalStateException("no rows in " + file);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** {@code SparkCsvRead FILE FEATURES MASTER}: prints the seconds of one read in this JVM. */
  public static void main(String[] args) {
    timedInFreshSession(
        args[2], "spark-csv-read", spark -> seconds(spark, args[0], Integer.parseInt(args[1])));
  }

  /**
   * Runs {@code read} in a loopback session of its own on {@code master} and prints its seconds and
   * this process's CPU seconds, for a benchmark that starts this JVM to time one read.
   */
  static void timedInFreshSession(
      String master, String appName, java.util.function.ToDoubleFunction<SparkSession> read) {
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName(appName)
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    try {
      long cpu = FreshPreparation.processCpuNanos();
      System.out.println("seconds " + read.applyAsDouble(spark));
      System.out.println("cpu_seconds " + (FreshPreparation.processCpuNanos() - cpu) / 1e9);
    } finally {
      spark.stop();
    }
  }
}

package sparkmlp.bench;

import java.lang.management.ManagementFactory;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.task.Task;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.run.TrainingSetup;
import sparkmlp.spark.session.SparkSessions;

/**
 * {@code bin/bench --data}'s preparation alone in a fresh JVM, as {@link SparkCsvRead#main} runs
 * Spark's read: the CSV read, its classes, statistics and cached float blocks exactly as {@code mlp
 * train} prepares them for the data benchmark's run. Prints the wall seconds and the process's CPU
 * seconds (every thread: tasks, garbage collection, compilation), which a machine loaded by other
 * work changes far less than the wall time.
 */
final class FreshPreparation {
  private FreshPreparation() {}

  /**
   * {@code FreshPreparation FILE MASTER [FORMAT]} (default csv): prints {@code seconds} and {@code
   * cpu_seconds}.
   */
  public static void main(String[] args) {
    String master = args[1];
    JobConfig config =
        DataBench.trainConfig(master, args[0], null, args.length > 2 ? args[2] : "csv");
    SparkSession spark = SparkSessions.create(config.spark(), master);
    spark.sparkContext().setLogLevel("ERROR");
    try {
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      DataPreparer prep = new DataPreparer(spark, config.data());
      RawData raw = prep.read("mlp.data.train", config.data().train(), null);
      Task task = config.model().task();
      LabelEncoder encoder = prep.encoderFor(task, raw);
      PreparedData data =
          prep.prepare(
              raw,
              null,
              encoder,
              config.model().normalization(),
              null,
              TrainingSetup.trainingConfig(config.train()).seed(),
              task);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      data.release();
      System.out.println("seconds " + seconds);
      System.out.println("cpu_seconds " + cpuSeconds);
    } finally {
      spark.stop();
    }
  }

  /** CPU time of every thread of this process so far, in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}

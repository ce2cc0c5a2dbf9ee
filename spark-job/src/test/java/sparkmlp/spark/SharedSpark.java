package sparkmlp.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] Spark context every Spark test in this module shares, bound to loopback.
 * Commands under test see it as an existing session and leave it running. Who starts it differs per
 * Spark line ({@link SparkTestContext} in src/test/spark-3.5 and src/test/spark-4); the tests are
 * the same. {@code local[2,2]}: a failed task is retried once, as on a cluster (plain local mode
 * never retries), so tests can check that a retried task changes nothing.
 */
public final class SharedSpark {
  private SharedSpark() {}

  /** The configuration of the shared context, the same on both lines. */
  static SparkConf conf() {
    return new SparkConf()
        .setMaster("local[2,2]")
        .setAppName("sparkmlp-tests")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.task.maxDirectResultSize", "100m");
  }

  /** The shared session, started on first use. */
  public static synchronized SparkSession session() {
    SparkTestContext.start(conf()).setLogLevel("ERROR");
    return SparkSession.builder().getOrCreate();
  }

  public static synchronized JavaSparkContext context() {
    return SparkTestContext.start(conf());
  }
}

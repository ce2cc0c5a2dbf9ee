package sparkmlp.spark;

import com.holdenkarau.spark.testing.SharedJavaSparkContext;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] Spark context every Spark test in this module shares (spark-testing-base's
 * shared context, bound to loopback). Commands under test see it as an existing session and leave
 * it running. {@code local[2,2]}: a failed task is retried once, as on a cluster (plain local mode
 * never retries), so tests can check that a retried task changes nothing.
 */
public final class SharedSpark extends SharedJavaSparkContext {
  private static final SharedSpark INSTANCE = new SharedSpark();

  private SharedSpark() {}

  @Override
  public SparkConf conf() {
    return new SparkConf()
        .setMaster("local[2,2]")
        .setAppName("sparkmlp-tests")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.task.maxDirectResultSize", "100m")
        .set("spark.app.id", appID());
  }

  /** The shared session, started on first use. */
  public static synchronized SparkSession session() {
    INSTANCE.runBefore();
    INSTANCE.sc().setLogLevel("ERROR");
    return SparkSession.builder().getOrCreate();
  }

  public static JavaSparkContext context() {
    session();
    return INSTANCE.jsc();
  }
}

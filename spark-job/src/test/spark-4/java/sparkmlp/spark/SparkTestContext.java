package sparkmlp.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Spark 4 line: the shared test context, started here because spark-testing-base (the 3.5 line's,
 * in src/test/spark-3.5) is not served for Scala 2.13. Like spark-testing-base's it lives until the
 * test JVM exits; Spark's own shutdown hook stops it.
 */
final class SparkTestContext {
  private static JavaSparkContext context;

  private SparkTestContext() {}

  /** The shared context, started with {@code conf} on first use. */
  static synchronized JavaSparkContext start(SparkConf conf) {
    if (context == null) {
      SparkSession session = SparkSession.builder().config(conf).getOrCreate();
      context = JavaSparkContext.fromSparkContext(session.sparkContext());
    }
    return context;
  }
}

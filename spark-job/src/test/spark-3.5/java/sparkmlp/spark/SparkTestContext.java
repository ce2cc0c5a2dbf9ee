package sparkmlp.spark;

import com.holdenkarau.spark.testing.SharedJavaSparkContext;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark 3.5 line: the shared test context is spark-testing-base's {@code SharedJavaSparkContext}.
 * Spark 4's counterpart (src/test/spark-4) starts it without spark-testing-base, which is not
 * served for Scala 2.13.
 */
final class SparkTestContext extends SharedJavaSparkContext {
  private static SparkTestContext instance;

  private final SparkConf base;

  private SparkTestContext(SparkConf base) {
    this.base = base;
  }

  @Override
  public SparkConf conf() {
    return base.clone().set("spark.app.id", appID());
  }

  /** The shared context, started with {@code conf} on first use. */
  static synchronized JavaSparkContext start(SparkConf conf) {
    if (instance == null) {
      instance = new SparkTestContext(conf);
    }
    instance.runBefore();
    return instance.jsc();
  }
}

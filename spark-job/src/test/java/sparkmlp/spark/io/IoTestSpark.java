package sparkmlp.spark.io;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkmlp.spark.SharedSpark;

/** The io tests' view of the module's one shared local[2] Spark context. */
final class IoTestSpark {
  private IoTestSpark() {}

  static SparkSession get() {
    return SharedSpark.session();
  }

  static JavaSparkContext context() {
    return SharedSpark.context();
  }
}

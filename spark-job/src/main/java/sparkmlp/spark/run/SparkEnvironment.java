package sparkmlp.spark.run;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.linalg.Blas;

/**
 * What a run ran on, for its summary: the BLAS of the driver and of the executors, and the Spark
 * version, master and default parallelism.
 *
 * @param executorBlas the distinct BLAS implementations the executors holding the data use
 */
public record SparkEnvironment(
    String driverBlas,
    List<String> executorBlas,
    String sparkVersion,
    String master,
    int defaultParallelism) {

  /**
   * Gathers it; runs one Spark job over {@code cached} (already cached data, so only its executors
   * answer).
   */
  static SparkEnvironment gather(JavaSparkContext jsc, JavaRDD<?> cached) {
    List<String> executors = cached.map(p -> Blas.implementation()).distinct().collect();
    return new SparkEnvironment(
        Blas.implementation(),
        List.copyOf(executors),
        jsc.version(),
        jsc.master(),
        jsc.defaultParallelism());
  }
}

package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;

/**
 * What one step of sparkmlp's scheme costs in Spark with no training in it: broadcasting the
 * weights alone; a job over a cached two-partition RDD (the scheduling floor) through {@code map}
 * and {@code collect}, and through {@code SparkContext.runJob} with a function class that the
 * closure cleaner skips (as {@code JobsEngine} runs its steps); the {@code collect} job with a
 * fresh broadcast of the weights read by every task and destroyed after (as {@code JobsEngine}
 * does), and with each task also returning a gradient-sized array that the driver adds up. The gap
 * between a real step and these is sparkmlp's own; these are what Spark costs on this machine.
 */
record SparkFloor(
    int jobs,
    int numParams,
    double broadcastOnlyMs,
    double emptyMs,
    double emptyRunJobMs,
    double broadcastMs,
    double broadcastAndResultMs) {

  static SparkFloor run(SparkSession spark, int numParams, int jobs, Progress progress) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Integer> parts = jsc.parallelize(List.of(0, 1), 2).cache();
    parts.count();
    jsc.setJobDescription("bench: Spark floor");
    // Weights as random as trained ones: Spark compresses broadcasts, and zeros would compress to
    // nothing.
    double[] weights = new java.util.SplittableRandom(7).doubles(numParams, -0.1, 0.1).toArray();
    try {
      double broadcastOnly = perJob(jobs, () -> jsc.broadcast(weights.clone()).destroy());
      double empty = perJob(jobs, () -> parts.map(p -> p + 1).collect());
      double emptyRunJob =
          perJob(
              jobs,
              () ->
                  jsc.sc()
                      .runJob(parts.rdd(), new First(), ClassTag$.MODULE$.apply(Integer.class)));
      double withBroadcast =
          perJob(
              jobs,
              () -> {
                Broadcast<double[]> b = jsc.broadcast(weights.clone());
                parts.map(p -> b.value().length).collect();
                b.destroy();
              });
      double[] sum = new double[numParams];
      double withResult =
          perJob(
              jobs,
              () -> {
                Broadcast<double[]> b = jsc.broadcast(weights.clone());
                List<double[]> r = parts.map(p -> new double[b.value().length]).collect();
                for (double[] g : r) {
                  for (int i = 0; i < g.length; i++) {
                    sum[i] += g[i];
                  }
                }
                b.destroy();
              });
      progress.line(
          "  Spark floor on local[2] (medians of %d): broadcasting %,d doubles and destroying them, no job,"
              + " %.2f ms; a job: empty %.2f ms (%.2f ms through runJob, no closure cleaning), + that broadcast %.2f ms,"
              + " + a result of as many doubles per task %.2f ms",
          jobs, numParams, broadcastOnly, empty, emptyRunJob, withBroadcast, withResult);
      return new SparkFloor(
          jobs, numParams, broadcastOnly, empty, emptyRunJob, withBroadcast, withResult);
    } finally {
      parts.unpersist(false);
      jsc.setJobDescription(null);
    }
  }

  /**
   * Median milliseconds of one run of {@code job}, after a warm-up (Spark's first jobs are slow).
   */
  private static double perJob(int jobs, Runnable job) {
    for (int i = 0; i < Math.max(20, jobs / 5); i++) {
      job.run();
    }
    double[] ms = new double[jobs];
    for (int i = 0; i < jobs; i++) {
      long start = System.nanoTime();
      job.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return Measurement.ofTimes(ms).median();
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("jobs", jobs);
    n.put("num_params", numParams);
    n.put("broadcast_and_destroy_without_job_ms", broadcastOnlyMs);
    n.put("empty_job_ms", emptyMs);
    n.put("empty_run_job_ms", emptyRunJobMs);
    n.put("job_with_weight_broadcast_ms", broadcastMs);
    n.put("job_with_weight_broadcast_and_gradient_results_ms", broadcastAndResultMs);
    return n;
  }

  /** A task's function as a class, not a lambda: what the closure cleaner skips. */
  static final class First extends AbstractFunction2<TaskContext, Iterator<Integer>, Integer>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer apply(TaskContext context, Iterator<Integer> values) {
      return values.next();
    }
  }
}

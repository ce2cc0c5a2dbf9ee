package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.Precision;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.TrainSettings.Reduction;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.StepSpec;
import sparkmlp.spark.engine.jobs.JobsEngine;
import sparkmlp.spark.engine.jobs.ReductionPlan;
import sparkmlp.spark.session.SparkSessions;

/**
 * {@code bin/bench --scaling}: one training step through Spark against the number of partitions k,
 * for a 235 k- and a 4.2 M-parameter network, the direct reduction (every partition's sum to the
 * driver) against the sharded one (summed on the executors). Per step: wall time, bytes the driver
 * received as task results (a listener), the reduce tasks' run time and the map tasks' shuffle
 * write time. Generated data (the step's cost does not depend on the values), cached as the job
 * caches it.
 */
final class ScalingBench {
  /** A network and the batch it is measured at. */
  record Shape(String name, int[] hidden, int batch, int examples) {}

  static final List<Shape> SHAPES =
      List.of(
          new Shape("784-256-128-10", new int[] {256, 128}, 2048, 8192),
          new Shape("784-2048-1280-10", new int[] {2048, 1280}, 512, 2048));

  /** Task metrics of the jobs run since the last reset: result tasks apart from map tasks. */
  private static final class StepCounter extends TaskMetricsListener {
    TaskTotals result = new TaskTotals();
    TaskTotals map = new TaskTotals();

    synchronized void reset() {
      result = new TaskTotals();
      map = new TaskTotals();
    }

    @Override
    protected TaskTotals totalsFor(SparkListenerTaskEnd end) {
      return end.taskType().startsWith("Result") ? result : map;
    }
  }

  /** Sums over the timed steps of one configuration. */
  private static final class Sums {
    final double[] ms;
    long bytes;
    long reduceMs;
    long mapMs;
    long writeNs;
    long mapCpuNs;
    long resultCpuNs;
    long driverCpuNs;

    Sums(int steps) {
      ms = new double[steps];
    }

    void add(StepCounter c) {
      synchronized (c) {
        bytes += c.result.resultBytes + c.map.resultBytes;
        reduceMs += c.result.runMs;
        mapMs += c.map.runMs;
        writeNs += c.map.shuffleWriteNs;
        mapCpuNs += c.map.cpuNs;
        resultCpuNs += c.result.cpuNs;
      }
    }
  }

  private ScalingBench() {}

  /**
   * {@code --scaling}: the steps against k and the digits engines, printed and written to {@code
   * <results>/scaling-<stamp>.json}.
   */
  static int command(
      String master, Path results, int[] partitions, int steps, String stamp, Progress progress) {
    JobConfig job = ConfigLoader.load(null, List.of("spark.master=\"" + master + "\""));
    SparkSession spark = SparkSessions.create(job.spark(), master);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("timestamp", stamp);
    out.put("mode", "scaling");
    out.put("master", master);
    out.put("spark_version", spark.version());
    out.put("steps_per_configuration", steps);
    try {
      progress.section("scaling", "one step against k partitions, direct vs sharded reduction");
      ArrayNode rows = run(spark, partitions, steps, progress);
      out.set("steps", rows);
      progress.endSection();
      progress.section("digits", "bundled digits: one Spark job per step vs in the driver");
      out.set("digits", DigitsEngines.run(spark, results, progress));
      progress.endSection();
      out.set("machine_load", progress.cpu().toJson());
      ScalingRow.printTable(rows, progress.out());
    } finally {
      spark.stop();
    }
    try {
      Files.createDirectories(results);
      Path file = results.resolve("scaling-" + stamp + ".json");
      Files.writeString(file, out.toPrettyString() + "\n", StandardCharsets.UTF_8);
      progress.line("results: %s", file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }

  /** Every shape at every k, direct and sharded; the rows as JSON. */
  static ArrayNode run(SparkSession spark, int[] partitions, int steps, Progress progress) {
    SparkContext sc = spark.sparkContext();
    StepCounter counter = new StepCounter();
    sc.addSparkListener(counter);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    try {
      for (Shape shape : SHAPES) {
        runShape(
            spark,
            shape,
            partitions,
            steps,
            counter,
            row -> {
              row.report(progress);
              out.add(row.toJson());
            });
      }
    } finally {
      sc.removeSparkListener(counter);
    }
    return out;
  }

  /** One shape at every k, direct and sharded; each row goes to {@code sink} once measured. */
  private static void runShape(
      SparkSession spark,
      Shape shape,
      int[] partitions,
      int steps,
      StepCounter counter,
      Consumer<ScalingRow> sink) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long maxResult = jsc.sc().conf().getSizeAsBytes("spark.driver.maxResultSize", "1g");
    Network net = network(shape.hidden());
    double[] params = Initializer.defaultFor(net).initialise(net, 42);
    for (int k : partitions) {
      JavaRDD<PartitionData> train = blocks(jsc, shape.examples(), k);
      PreparedData data = PreparedData.generated(train, shape.examples(), k);
      for (Reduction path : List.of(Reduction.DIRECT, Reduction.SHARDED)) {
        ReductionPlan plan;
        try {
          plan =
              ReductionPlan.choose(
                  path, k, net.numParams(), jsc.defaultParallelism(), maxResult, true);
        } catch (InvalidConfigException e) {
          sink.accept(
              ScalingRow.refused(
                  shape.name(), net.numParams(), k, path.id(), "refused: " + e.getMessage()));
          continue;
        }
        Sums sums = timeSteps(jsc, counter, shape, net, params, data, plan, steps);
        sink.accept(row(shape, net, k, plan, sums));
      }
      train.unpersist(true);
    }
  }

  /** One warm-up step, then {@code steps} timed ones, each with its tasks' metrics. */
  private static Sums timeSteps(
      JavaSparkContext jsc,
      StepCounter counter,
      Shape shape,
      Network net,
      double[] params,
      PreparedData data,
      ReductionPlan plan,
      int steps) {
    int stepsPerEpoch = shape.examples() / shape.batch();
    JobsEngine source =
        new JobsEngine(
            jsc, new StepSpec(net, data, shape.batch(), 7, stepsPerEpoch, Precision.DOUBLE), plan);
    Sums sums = new Sums(steps);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    SparkContext sc = jsc.sc();
    try {
      source.compute(params, 0, 0); // warm-up: batch plans, workspaces, JIT
      for (int i = 0; i < steps; i++) {
        sc.listenerBus().waitUntilEmpty();
        counter.reset();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        source.compute(params, 0, (i + 1) % stepsPerEpoch);
        sums.ms[i] = (System.nanoTime() - t0) / 1e6;
        sums.driverCpuNs += threads.getCurrentThreadCpuTime() - c0;
        sc.listenerBus().waitUntilEmpty();
        sums.add(counter);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(e);
    } finally {
      source.close();
    }
    return sums;
  }

  /**
   * Per-step figures; on the sharded path the result tasks are the reduce tasks, on the direct one
   * they are the map tasks.
   */
  private static ScalingRow row(Shape shape, Network net, int k, ReductionPlan plan, Sums sums) {
    int steps = sums.ms.length;
    boolean sharded = plan.path() == Reduction.SHARDED;
    double[] sorted = sums.ms.clone();
    Arrays.sort(sorted);
    return new ScalingRow(
        shape.name(),
        net.numParams(),
        k,
        plan.path().id(),
        plan.shards(),
        sorted[steps / 2],
        sorted[0],
        sums.bytes / 1e6 / steps,
        sharded ? sums.reduceMs / (double) steps : 0,
        sharded ? sums.mapMs / (double) steps : sums.reduceMs / (double) steps,
        sums.writeNs / 1e6 / steps,
        (sharded ? sums.mapCpuNs : sums.resultCpuNs) / 1e6 / steps,
        sharded ? sums.resultCpuNs / 1e6 / steps : 0,
        sums.driverCpuNs / 1e6 / steps,
        null);
  }

  static Network network(int[] hidden) {
    List<Dense> layers = new ArrayList<>();
    for (int h : hidden) {
      layers.add(Dense.of(h, Activation.RELU));
    }
    layers.add(Dense.of(10, Activation.SOFTMAX));
    return new Network(784, layers, Loss.SOFTMAX_CROSS_ENTROPY);
  }

  /** n generated examples in k cached blocks of consecutive ranks. */
  static JavaRDD<PartitionData> blocks(JavaSparkContext jsc, int n, int k) {
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < k; p++) {
      parts.add(p);
    }
    JavaRDD<PartitionData> rdd =
        jsc.parallelize(parts, k)
            .map(
                p -> {
                  int from = (int) ((long) p * n / k);
                  int size = (int) ((long) (p + 1) * n / k) - from;
                  Random r = new Random(p);
                  double[] x = new double[784 * size];
                  double[] y = new double[size];
                  long[] ranks = new long[size];
                  for (int i = 0; i < size; i++) {
                    for (int j = 0; j < 784; j++) {
                      x[i * 784 + j] = r.nextGaussian();
                    }
                    y[i] = r.nextInt(10);
                    ranks[i] = from + i;
                  }
                  return new PartitionData(DataBlock.of(784, 1, x, y, ranks));
                })
            .persist(StorageLevel.MEMORY_ONLY());
    rdd.count();
    return rdd;
  }
}

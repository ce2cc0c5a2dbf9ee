package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
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
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.TrainSettings.Reduction;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.StepSpec;
import sparkmlp.spark.engine.jobs.JobsEngine;
import sparkmlp.spark.engine.jobs.ReductionPlan;

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

  /** One measured configuration; NaN where it was refused. */
  record Row(
      String network,
      int params,
      int partitions,
      String path,
      int shards,
      double stepMs,
      double minStepMs,
      double driverMb,
      double reduceTaskMs,
      double mapTaskMs,
      double shuffleWriteMs,
      double mapCpuMs,
      double reduceCpuMs,
      double driverCpuMs,
      String note) {
    ObjectNode toJson() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("network", network);
      n.put("parameters", params);
      n.put("partitions", partitions);
      n.put("path", path);
      n.put("shards", shards);
      n.put("step_ms_median", stepMs);
      n.put("step_ms_min", minStepMs);
      n.put("driver_mb_per_step", driverMb);
      n.put("reduce_task_ms_per_step", reduceTaskMs);
      n.put("map_task_ms_per_step", mapTaskMs);
      n.put("shuffle_write_ms_per_step", shuffleWriteMs);
      n.put("map_task_cpu_ms_per_step", mapCpuMs);
      n.put("reduce_task_cpu_ms_per_step", reduceCpuMs);
      n.put("driver_thread_cpu_ms_per_step", driverCpuMs);
      if (note != null) {
        n.put("note", note);
      }
      return n;
    }
  }

  /** Sums what Spark reports for the tasks of the jobs run since the last reset. */
  private static final class Counter extends SparkListener {
    long resultBytes;
    long resultTaskMs;
    long mapTaskMs;
    long shuffleWriteNs;
    long resultCpuNs;
    long mapCpuNs;

    synchronized void reset() {
      resultBytes = resultTaskMs = mapTaskMs = shuffleWriteNs = resultCpuNs = mapCpuNs = 0;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
      TaskMetrics m = end.taskMetrics();
      if (m == null) {
        return;
      }
      resultBytes += m.resultSize();
      if (end.taskType().startsWith("Result")) {
        resultTaskMs += m.executorRunTime();
        resultCpuNs += m.executorCpuTime();
      } else {
        mapCpuNs += m.executorCpuTime();
        mapTaskMs += m.executorRunTime();
        shuffleWriteNs += m.shuffleWriteMetrics().writeTime();
      }
    }
  }

  private ScalingBench() {}

  static ArrayNode run(SparkSession spark, int[] partitions, int steps, Progress progress) {
    SparkContext sc = spark.sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    long maxResult = sc.conf().getSizeAsBytes("spark.driver.maxResultSize", "1g");
    Counter counter = new Counter();
    sc.addSparkListener(counter);
    List<Row> rows = new ArrayList<>();
    try {
      for (Shape shape : SHAPES) {
        Network net = network(shape.hidden());
        double[] params = Initializer.defaultFor(net).initialise(net, 42);
        for (int k : partitions) {
          JavaRDD<PartitionData> train = blocks(jsc, shape.examples(), k);
          PreparedData data =
              new PreparedData(
                  "generated", null, null, null, shape.examples(), 0, train, null, null, 0, k);
          for (Reduction path : List.of(Reduction.DIRECT, Reduction.SHARDED)) {
            Row row =
                measure(jsc, sc, counter, shape, net, params, data, k, path, steps, maxResult);
            rows.add(row);
            progress.line(
                "  %-17s k=%2d %-7s S=%2d  step %8.1f ms (min %8.1f)  driver %7.1f MB  reduce"
                    + " tasks %7.1f ms (cpu %7.1f)  map tasks %8.1f ms (cpu %8.1f)  shuffle write"
                    + " %6.1f ms  driver thread cpu %6.1f ms%s",
                shape.name(),
                k,
                row.path(),
                row.shards(),
                row.stepMs(),
                row.minStepMs(),
                row.driverMb(),
                row.reduceTaskMs(),
                row.reduceCpuMs(),
                row.mapTaskMs(),
                row.mapCpuMs(),
                row.shuffleWriteMs(),
                row.driverCpuMs(),
                row.note() == null ? "" : "  (" + row.note() + ")");
          }
          train.unpersist(true);
        }
      }
    } finally {
      sc.removeSparkListener(counter);
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    rows.forEach(r -> out.add(r.toJson()));
    return out;
  }

  private static Row measure(
      JavaSparkContext jsc,
      SparkContext sc,
      Counter counter,
      Shape shape,
      Network net,
      double[] params,
      PreparedData data,
      int k,
      Reduction path,
      int steps,
      long maxResult) {
    ReductionPlan plan;
    try {
      plan =
          ReductionPlan.choose(path, k, net.numParams(), jsc.defaultParallelism(), maxResult, true);
    } catch (InvalidConfigException e) {
      return new Row(
          shape.name(),
          net.numParams(),
          k,
          path.id(),
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          "refused: " + e.getMessage());
    }
    int stepsPerEpoch = shape.examples() / shape.batch();
    JobsEngine source =
        new JobsEngine(
            jsc, new StepSpec(net, data, shape.batch(), 7, stepsPerEpoch, Precision.DOUBLE), plan);
    double[] ms = new double[steps];
    long bytes = 0;
    long reduce = 0;
    long map = 0;
    long write = 0;
    long mapCpu = 0;
    long resultCpu = 0;
    long driverCpu = 0;
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    try {
      source.compute(params, 0, 0); // warm-up: batch plans, workspaces, JIT
      for (int i = 0; i < steps; i++) {
        sc.listenerBus().waitUntilEmpty();
        counter.reset();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        source.compute(params, 0, (i + 1) % stepsPerEpoch);
        ms[i] = (System.nanoTime() - t0) / 1e6;
        driverCpu += threads.getCurrentThreadCpuTime() - c0;
        sc.listenerBus().waitUntilEmpty();
        synchronized (counter) {
          bytes += counter.resultBytes;
          reduce += counter.resultTaskMs;
          map += counter.mapTaskMs;
          write += counter.shuffleWriteNs;
          mapCpu += counter.mapCpuNs;
          resultCpu += counter.resultCpuNs;
        }
      }
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    } finally {
      source.close();
    }
    boolean sharded = plan.path() == Reduction.SHARDED;
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    return new Row(
        shape.name(),
        net.numParams(),
        k,
        plan.path().id(),
        plan.shards(),
        sorted[steps / 2],
        sorted[0],
        bytes / 1e6 / steps,
        sharded ? reduce / (double) steps : 0,
        sharded ? map / (double) steps : reduce / (double) steps,
        write / 1e6 / steps,
        (sharded ? mapCpu : resultCpu) / 1e6 / steps,
        sharded ? resultCpu / 1e6 / steps : 0,
        driverCpu / 1e6 / steps,
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

  /** The table for the console. */
  static void print(ArrayNode rows, PrintStream out) {
    out.println();
    out.println(
        "| network | parameters | k | path | S | step ms (median) | step ms (min) | driver MB/step"
            + " | reduce tasks cpu ms/step | map tasks cpu ms/step |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(
        r ->
            out.println(
                String.format(
                    Locale.ROOT,
                    "| %s | %,d | %d | %s | %s | %s | %s | %s | %s | %s |",
                    r.get("network").asText(),
                    r.get("parameters").asInt(),
                    r.get("partitions").asInt(),
                    r.get("path").asText(),
                    r.get("shards").asInt() == 0 ? "–" : r.get("shards").asText(),
                    r.has("note") ? "refused" : fmt(r.get("step_ms_median").asDouble()),
                    r.has("note") ? "–" : fmt(r.get("step_ms_min").asDouble()),
                    r.has("note") ? "–" : fmt(r.get("driver_mb_per_step").asDouble()),
                    r.has("note") ? "–" : fmt(r.get("reduce_task_cpu_ms_per_step").asDouble()),
                    r.has("note") ? "–" : fmt(r.get("map_task_cpu_ms_per_step").asDouble()))));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * Examples per second of bundled digits trained through Spark (one job per step) and in the
   * driver ({@code mlp.train.single-process=auto}), same config otherwise.
   */
  static ObjectNode singleProcess(
      SparkSession spark, java.nio.file.Path results, Progress progress) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String mode : List.of("never", "auto")) {
      sparkmlp.spark.config.JobConfig config =
          sparkmlp.spark.config.ConfigLoader.load(
              java.nio.file.Path.of("conf/digits.conf"),
              List.of(
                  "train.single-process=" + mode,
                  "train.checkpoint.every-epochs=0",
                  "log.progress=never",
                  "output.dir=\"" + results.resolve("runs/digits-" + mode) + "\""));
      java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
      sparkmlp.spark.run.TrainJob.Result r =
          new sparkmlp.spark.run.TrainJob(
                  spark,
                  config,
                  new sparkmlp.spark.run.TrainOptions(false, null, false),
                  quiet,
                  quiet)
              .run();
      ObjectNode n = out.putObject("single_process_" + mode);
      n.put("engine", r.summary().at("/execution/engine").asText());
      n.put("examples_per_second", r.summary().at("/timings/examples_per_second").asDouble());
      n.put("train_seconds", r.summary().at("/timings/train_seconds").asDouble());
      n.put("step_jobs", r.summary().at("/timings/step_jobs").asLong());
      n.put("test_accuracy", r.test() == null ? Double.NaN : r.test().accuracy());
      progress.line(
          "  digits, single-process=%s: %s, %.0f examples/s, %.2f s training, test accuracy %.4f",
          mode,
          n.get("engine").asText(),
          n.get("examples_per_second").asDouble(),
          n.get("train_seconds").asDouble(),
          n.get("test_accuracy").asDouble());
    }
    return out;
  }
}

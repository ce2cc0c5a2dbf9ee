package sparkmlp.spark.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.Precision;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Network;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.GradientSource;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.LocalGradientSource;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.TrainSettings;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.barrier.BarrierGradientSource;
import sparkmlp.spark.engine.jobs.DistributedGradientSource;
import sparkmlp.spark.engine.jobs.ReductionPlan;

/**
 * Where a run's step gradients come from: one Spark job per step, reduced as a {@link
 * ReductionPlan} says; with {@code mlp.train.engine=barrier}, one barrier stage an epoch whose
 * resident tasks exchange weights and sums with the driver ({@link BarrierGradientSource}, the same
 * weights bit for bit); or — on a local master with a training set of at most {@link
 * #SINGLE_PROCESS_MAX_BYTES} cached and {@code mlp.train.single-process=auto} — core's
 * single-process source in the driver, which computes the same batches (weights equal to 1e-9)
 * without a Spark job per step. Each computes in {@code mlp.train.precision}. Recorded in {@code
 * summary.json} under {@code execution} (with the precision).
 */
public final class StepExecution implements AutoCloseable {
  /** Largest cached training set that {@code single-process=auto} trains in a local driver. */
  public static final long SINGLE_PROCESS_MAX_BYTES = 64L << 20;

  private final GradientSource source;
  private final LongSupplier jobs;
  private final Runnable closer;
  private final Runnable onFailure;
  private final ObjectNode json;
  private final BarrierGradientSource barrier;

  private StepExecution(
      GradientSource source,
      LongSupplier jobs,
      Runnable closer,
      Runnable onFailure,
      ObjectNode json,
      BarrierGradientSource barrier) {
    this.barrier = barrier;
    this.source = source;
    this.jobs = jobs;
    this.closer = closer;
    this.onFailure = onFailure;
    this.json = json;
  }

  /** Chooses how to run the steps of a run with these settings on this data. */
  public static StepExecution choose(
      JavaSparkContext jsc,
      TrainSettings settings,
      Network net,
      Task task,
      int classes,
      PreparedData data,
      TrainingConfig tc,
      int stepsPerEpoch) {
    String master = jsc.sc().master();
    boolean local = master.startsWith("local");
    ObjectNode json = Json.MAPPER.createObjectNode();
    Precision precision = settings.precision();
    json.put("precision", precision.id());
    if (settings.singleProcess() == TrainSettings.SingleProcess.AUTO
        && local
        && data.cachedBytes() <= SINGLE_PROCESS_MAX_BYTES) {
      json.put("engine", "single-process");
      json.put(
          "reason",
          "single-process=auto, master "
              + master
              + ", "
              + ReductionPlan.mib(data.cachedBytes())
              + " cached <= "
              + ReductionPlan.mib(SINGLE_PROCESS_MAX_BYTES));
      return new StepExecution(
          new DriverSource(jsc, net, task, classes, data, tc, precision),
          () -> 0,
          () -> {},
          () -> {},
          json,
          null);
    }
    if (settings.engine() == TrainSettings.Engine.BARRIER) {
      return barrier(jsc, settings, net, task, classes, data, tc, stepsPerEpoch, json);
    }
    ReductionPlan plan =
        ReductionPlan.choose(
            settings.reduction(),
            data.partitions(),
            net.numParams(),
            jsc.defaultParallelism(),
            jsc.sc().conf().getSizeAsBytes("spark.driver.maxResultSize", "1g"),
            local);
    DistributedGradientSource d =
        new DistributedGradientSource(
            jsc,
            net,
            task,
            classes,
            data,
            tc.batchSize(),
            tc.seed(),
            stepsPerEpoch,
            plan,
            precision);
    json.put("engine", "spark");
    json.set("reduction", plan.toJson());
    // after a failure the command stops Spark, which cleans up; a destroy then would print a stack
    return new StepExecution(d, d::jobs, d::close, () -> {}, json, null);
  }

  private static StepExecution barrier(
      JavaSparkContext jsc,
      TrainSettings settings,
      Network net,
      Task task,
      int classes,
      PreparedData data,
      TrainingConfig tc,
      int stepsPerEpoch,
      ObjectNode json) {
    if (settings.reduction() == TrainSettings.Reduction.SHARDED) {
      throw new InvalidConfigException(
          "config key 'mlp.train.reduction' is sharded, but mlp.train.engine = barrier adds the"
              + " partitions' sums on the driver; use engine = jobs for the sharded reduction");
    }
    if (jsc.getConf().getBoolean("spark.dynamicAllocation.enabled", false)) {
      throw new InvalidConfigException(
          "config key 'mlp.train.engine' is barrier, which Spark cannot run with"
              + " spark.dynamicAllocation.enabled = true; use engine = jobs");
    }
    int slots = slots(jsc);
    if (slots > 0 && data.partitions() > slots) {
      throw new InvalidConfigException(
          String.format(
              Locale.ROOT,
              "config key 'mlp.train.engine' is barrier: its %d tasks (one per partition) must run"
                  + " at once, but Spark has %d task slots; set mlp.data.partitions to at most %d"
                  + " or use engine = jobs",
              data.partitions(),
              slots,
              slots));
    }
    json.put("engine", "spark-barrier");
    json.put(
        "reason",
        "engine=barrier: one barrier stage an epoch, "
            + data.partitions()
            + " resident tasks, sums added on the driver in partition order");
    BarrierGradientSource b =
        new BarrierGradientSource(
            jsc,
            net,
            task,
            classes,
            data,
            tc.batchSize(),
            tc.seed(),
            stepsPerEpoch,
            settings.precision());
    // after a failure too: the resident tasks wait on the driver's socket until it closes
    return new StepExecution(b, b::stages, b::close, b::close, json, b);
  }

  /**
   * Tasks Spark can run at once now, or 0 while a cluster has no executor yet (Spark itself then
   * waits for slots before it runs a barrier stage).
   */
  private static int slots(JavaSparkContext jsc) {
    SparkContext sc = jsc.sc();
    return sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
  }

  /** The step gradients, for core's training loop. */
  public GradientSource source() {
    return source;
  }

  /**
   * Spark jobs run for steps so far: one a step, one a barrier stage an epoch with engine =
   * barrier, 0 in the driver.
   */
  public long jobs() {
    return jobs.getAsLong();
  }

  /** What was chosen and why, for {@code summary.json}. */
  public ObjectNode toJson() {
    ObjectNode copy = json.deepCopy();
    if (barrier != null) {
      copy.set("resident_tasks", barrier.links());
    }
    return copy;
  }

  @Override
  public void close() {
    closer.run();
  }

  /**
   * After a run that failed: releases what would otherwise outlive it (a barrier stage's tasks and
   * socket); leaves the jobs engine's last broadcast to Spark's shutdown.
   */
  public void abandon() {
    onFailure.run();
  }

  /** Steps in the driver on all training blocks joined; validation stays a Spark job an epoch. */
  private static final class DriverSource implements GradientSource {
    private final JavaSparkContext jsc;
    private final Network net;
    private final Task task;
    private final int classes;
    private final PreparedData data;
    private final LocalGradientSource local;

    DriverSource(
        JavaSparkContext jsc,
        Network net,
        Task task,
        int classes,
        PreparedData data,
        TrainingConfig tc,
        Precision precision) {
      this.jsc = jsc;
      this.net = net;
      this.task = task;
      this.classes = classes;
      this.data = data;
      List<DataBlock> blocks = data.train().map(PartitionData::block).collect();
      this.local =
          new LocalGradientSource(
              net, task, classes, tc, DataBlock.concat(blocks), null, precision);
    }

    @Override
    public GradientSum compute(double[] params, int epoch, int step) {
      return local.compute(params, epoch, step);
    }

    @Override
    public Evaluation validate(double[] params) {
      return DistributedGradientSource.validation(jsc, net, task, classes, data, params);
    }
  }
}

package sparkmlp.spark.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
import sparkmlp.spark.config.TrainSettings;

/**
 * Where a run's step gradients come from: one Spark job per step, reduced as a {@link
 * ReductionPlan} says, or — on a local master with a training set of at most {@link
 * #SINGLE_PROCESS_MAX_BYTES} cached and {@code mlp.train.single-process=auto} — core's
 * single-process source in the driver, which computes the same batches (weights equal to 1e-9)
 * without a Spark job per step. Either computes in {@code mlp.train.precision}. Recorded in {@code
 * summary.json} under {@code execution} (with the precision).
 */
public final class StepExecution implements AutoCloseable {
  /** Largest cached training set that {@code single-process=auto} trains in a local driver. */
  public static final long SINGLE_PROCESS_MAX_BYTES = 64L << 20;

  private final GradientSource source;
  private final DistributedGradientSource distributed;
  private final ObjectNode json;

  private StepExecution(
      GradientSource source, DistributedGradientSource distributed, ObjectNode json) {
    this.source = source;
    this.distributed = distributed;
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
          new DriverSource(jsc, net, task, classes, data, tc, precision), null, json);
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
    return new StepExecution(d, d, json);
  }

  /** The step gradients, for core's training loop. */
  public GradientSource source() {
    return source;
  }

  /** Spark jobs run for steps so far (0 in the driver). */
  public long jobs() {
    return distributed == null ? 0 : distributed.jobs();
  }

  /** What was chosen and why, for {@code summary.json}. */
  public ObjectNode toJson() {
    return json.deepCopy();
  }

  @Override
  public void close() {
    if (distributed != null) {
      distributed.close();
    }
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
      if (data.validation() == null) {
        return null;
      }
      jsc.setJobDescription("validation");
      return DistributedGradientSource.evaluate(jsc, net, task, classes, data.validation(), params);
    }
  }
}

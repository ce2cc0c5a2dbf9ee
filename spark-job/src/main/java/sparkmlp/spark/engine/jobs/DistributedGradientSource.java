package sparkmlp.spark.engine.jobs;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.Network;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.GradientSource;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.config.TrainSettings.Reduction;
import sparkmlp.spark.data.PreparedData;

/**
 * One Spark job per step: broadcast the weights, let every partition sum the gradient of its share
 * of the global batch ({@link StepTask}), and add the sums up in partition order — on the driver
 * (the direct path: k full sums come back) or on the executors ({@link ShardedReduction}: one
 * gradient comes back), as the {@link ReductionPlan} says. Both give bit-identical sums. The
 * previous step's broadcast is destroyed first, so nothing grows with the number of steps.
 */
public final class DistributedGradientSource implements GradientSource {
  private final JavaSparkContext jsc;
  private final Network net;
  private final Task task;
  private final int classes;
  private final PreparedData data;
  private final int batchSize;
  private final long seed;
  private final int stepsPerEpoch;
  private final GradientSum total;
  private static final ClassTag<StepResult> RESULT = ClassTag$.MODULE$.apply(StepResult.class);
  private final ReductionPlan plan;
  private final ShardedReduction sharded;
  private final Precision precision;

  private Broadcast<BroadcastWeights> current;
  private long jobs;

  public DistributedGradientSource(
      JavaSparkContext jsc,
      Network net,
      Task task,
      int classes,
      PreparedData data,
      int batchSize,
      long seed,
      int stepsPerEpoch) {
    this(
        jsc,
        net,
        task,
        classes,
        data,
        batchSize,
        seed,
        stepsPerEpoch,
        new ReductionPlan(Reduction.DIRECT, 0, 8L * net.numParams() * data.partitions(), "direct"));
  }

  /** A source whose steps reduce as {@code plan} says, in double precision. */
  public DistributedGradientSource(
      JavaSparkContext jsc,
      Network net,
      Task task,
      int classes,
      PreparedData data,
      int batchSize,
      long seed,
      int stepsPerEpoch,
      ReductionPlan plan) {
    this(jsc, net, task, classes, data, batchSize, seed, stepsPerEpoch, plan, Precision.DOUBLE);
  }

  /**
   * A source whose steps reduce as {@code plan} says and compute in {@code precision}: with {@code
   * FLOAT} each step broadcasts a float copy of the weights and every task computes with {@code
   * sgemm}; the partitions' sums still come back and add up in double.
   */
  public DistributedGradientSource(
      JavaSparkContext jsc,
      Network net,
      Task task,
      int classes,
      PreparedData data,
      int batchSize,
      long seed,
      int stepsPerEpoch,
      ReductionPlan plan,
      Precision precision) {
    this.precision = precision;
    this.jsc = jsc;
    this.net = net;
    this.task = task;
    this.classes = classes;
    this.data = data;
    this.batchSize = batchSize;
    this.seed = seed;
    this.stepsPerEpoch = stepsPerEpoch;
    this.plan = plan;
    boolean shard = plan.path() == Reduction.SHARDED;
    this.sharded = shard ? new ShardedReduction(net.numParams(), plan.shards()) : null;
    this.total = shard ? null : GradientSum.zero(net.numParams());
  }

  /** How this source's steps add up the partitions' sums. */
  public ReductionPlan plan() {
    return plan;
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    Broadcast<BroadcastWeights> weights = rebroadcast(params);
    jsc.setJobDescription("epoch " + (epoch + 1) + " step " + (step + 1) + "/" + stepsPerEpoch);
    StepTask task = new StepTask(net, weights, data.numTrain(), batchSize, seed, epoch, step);
    jobs++;
    if (sharded != null) {
      return sharded.run(jsc.sc(), data.train().rdd(), task);
    }
    StepResult[] parts = (StepResult[]) jsc.sc().runJob(data.train().rdd(), task, RESULT);
    total.reset();
    for (StepResult p : parts) {
      total.merge(p.sum());
    }
    return total;
  }

  @Override
  public Evaluation validate(double[] params) {
    return validation(jsc, net, task, classes, data, params);
  }

  /**
   * The metrics of the prepared validation blocks at these weights (one Spark job), or null when
   * there are none: every step source's {@code validate}.
   */
  public static Evaluation validation(
      JavaSparkContext jsc,
      Network net,
      Task task,
      int classes,
      PreparedData data,
      double[] params) {
    if (data.validation() == null) {
      return null;
    }
    jsc.setJobDescription("validation");
    return evaluate(jsc, net, task, classes, data.validation(), params);
  }

  /**
   * Loss and metrics of cached evaluation blocks at the given weights (broadcast for the job, then
   * destroyed).
   */
  public static Evaluation evaluate(
      JavaSparkContext jsc,
      Network net,
      Task task,
      int classes,
      JavaRDD<sparkmlp.core.data.DataBlock> blocks,
      double[] params) {
    Broadcast<BroadcastWeights> weights = jsc.broadcast(new BroadcastWeights(params.clone()));
    int outputs = net.outputSize();
    List<MetricsAccumulator> parts =
        blocks
            .map(
                block ->
                    Evaluator.accumulate(
                        net,
                        weights.value().values(),
                        block,
                        net.newWorkspace(Math.max(1, Math.min(512, block.size()))),
                        new MetricsAccumulator(task, outputs, classes)))
            .collect();
    // Destroyed only after a job that succeeded. A failed one (bad input) ends the command, which
    // stops Spark at once: a destroy then would leave its removal requests to the executors
    // waiting for replies that Spark's stopped pool rejects, printing that stack on stderr after
    // the command's one-line error (FailuresOnClusterTest, evaluate with an unseen label). Spark's
    // ContextCleaner removes the unreachable broadcast where the session lives on.
    weights.destroy();
    MetricsAccumulator acc = new MetricsAccumulator(task, outputs, classes);
    parts.forEach(acc::merge);
    return acc.result();
  }

  /** Spark jobs run for steps so far. */
  public long jobs() {
    return jobs;
  }

  /** Destroys the last broadcast. */
  public void close() {
    if (current != null) {
      current.destroy();
      current = null;
    }
  }

  private Broadcast<BroadcastWeights> rebroadcast(double[] params) {
    close();
    current =
        jsc.broadcast(
            precision == Precision.FLOAT
                ? BroadcastWeights.ofFloats(params)
                : new BroadcastWeights(params.clone()));
    return current;
  }
}

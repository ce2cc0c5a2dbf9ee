package sparkmlp.spark.engine.jobs;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.Network;
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
      PreparedData data,
      int batchSize,
      long seed,
      int stepsPerEpoch) {
    this(
        jsc,
        net,
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
      PreparedData data,
      int batchSize,
      long seed,
      int stepsPerEpoch,
      ReductionPlan plan) {
    this(jsc, net, data, batchSize, seed, stepsPerEpoch, plan, Precision.DOUBLE);
  }

  /**
   * A source whose steps reduce as {@code plan} says and compute in {@code precision}: with {@code
   * FLOAT} each step broadcasts a float copy of the weights and every task computes with {@code
   * sgemm}; the partitions' sums still come back and add up in double.
   */
  public DistributedGradientSource(
      JavaSparkContext jsc,
      Network net,
      PreparedData data,
      int batchSize,
      long seed,
      int stepsPerEpoch,
      ReductionPlan plan,
      Precision precision) {
    this.precision = precision;
    this.jsc = jsc;
    this.net = net;
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

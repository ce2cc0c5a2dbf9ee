package sparkmlp.spark.engine.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import sparkmlp.core.data.Precision;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.config.TrainSettings.Reduction;
import sparkmlp.spark.data.StepBatches;
import sparkmlp.spark.engine.StepEngine;
import sparkmlp.spark.engine.StepSpec;

/**
 * {@code mlp.train.engine = jobs}: one Spark job a step. Broadcast the weights, let every partition
 * sum the gradient of its share of the global batch ({@link StepTask}), and add the sums up in
 * partition order — on the driver (the direct path: k full sums come back) or on the executors
 * ({@link ShardedReduction}: one gradient comes back), as the {@link ReductionPlan} says. Both give
 * bit-identical sums. The previous step's broadcast is destroyed first, so nothing grows with the
 * number of steps. With {@code FLOAT} precision each step broadcasts a float copy of the weights
 * and every task computes with {@code sgemm}; the partitions' sums still come back and add up in
 * double.
 */
public final class JobsEngine implements StepEngine {
  private static final ClassTag<StepResult> RESULT = ClassTag$.MODULE$.apply(StepResult.class);

  private final JavaSparkContext jsc;
  private final StepSpec spec;
  private final StepBatches batches;
  private final ReductionPlan plan;
  private final ShardedReduction sharded;
  private final GradientSum total;

  private Broadcast<BroadcastWeights<Vec>> current;
  private long jobs;

  /** An engine whose steps add the partitions' sums on the driver (the direct path). */
  public JobsEngine(JavaSparkContext jsc, StepSpec spec) {
    this(
        jsc,
        spec,
        new ReductionPlan(
            Reduction.DIRECT, 0, 8L * spec.net().numParams() * spec.data().partitions(), "direct"));
  }

  /** An engine whose steps add the partitions' sums as {@code plan} says. */
  public JobsEngine(JavaSparkContext jsc, StepSpec spec, ReductionPlan plan) {
    this.jsc = jsc;
    this.spec = spec;
    this.batches = spec.batches();
    this.plan = plan;
    int numParams = spec.net().numParams();
    boolean shard = plan.path() == Reduction.SHARDED;
    this.sharded = shard ? new ShardedReduction(numParams, plan.shards()) : null;
    this.total = shard ? null : GradientSum.zero(numParams);
  }

  /** How this engine's steps add up the partitions' sums. */
  public ReductionPlan plan() {
    return plan;
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    Broadcast<BroadcastWeights<Vec>> weights = rebroadcast(params);
    jsc.setJobDescription(
        "epoch " + (epoch + 1) + " step " + (step + 1) + "/" + spec.stepsPerEpoch());
    StepTask task = new StepTask(batches, weights, epoch, step);
    jobs++;
    if (sharded != null) {
      return sharded.run(jsc.sc(), spec.data().train().rdd(), task);
    }
    StepResult[] parts = (StepResult[]) jsc.sc().runJob(spec.data().train().rdd(), task, RESULT);
    total.reset();
    for (StepResult p : parts) {
      total.merge(p.sum());
    }
    return total;
  }

  /** One Spark job a step. */
  @Override
  public long jobs() {
    return jobs;
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode json = spec.summary("spark");
    json.set("reduction", plan.toJson());
    return json;
  }

  /** Destroys the last broadcast. */
  @Override
  public void close() {
    destroyBroadcast();
  }

  /**
   * Leaves the last broadcast to Spark: after a failure the command stops Spark, which cleans up,
   * and a destroy then would print a stack.
   */
  @Override
  public void abandon() {}

  private void destroyBroadcast() {
    if (current != null) {
      current.destroy();
      current = null;
    }
  }

  private Broadcast<BroadcastWeights<Vec>> rebroadcast(double[] params) {
    destroyBroadcast();
    current = jsc.broadcast(BroadcastWeights.forStep(params, spec.precision() == Precision.FLOAT));
    return current;
  }
}

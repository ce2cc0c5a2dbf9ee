package sparkmlp.spark.engine.jobs;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.StepBatches;
import sparkmlp.spark.engine.FaultInjection;

/**
 * One partition's part of training step {@code step} of epoch {@code epoch}, run by {@code
 * SparkContext.runJob} on the cached training blocks. A named function class rather than a lambda
 * through {@code JavaRDD.map} and {@code collect}: Spark's closure cleaner re-reads the bytecode of
 * the class that declares every Scala lambda it is given (for {@code collect}, {@code RDD} and
 * {@code SparkContext}, on every job), and leaves a class like this alone. {@code bin/bench}
 * measures an empty job both ways (its Spark floor; the README's figures).
 */
public final class StepTask
    extends AbstractFunction2<TaskContext, Iterator<PartitionData>, StepResult>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StepBatches batches;
  private final Broadcast<BroadcastWeights<Vec>> weights;
  private final int epoch;
  private final int step;

  StepTask(StepBatches batches, Broadcast<BroadcastWeights<Vec>> weights, int epoch, int step) {
    this.batches = batches;
    this.weights = weights;
    this.epoch = epoch;
    this.step = step;
  }

  @Override
  public StepResult apply(TaskContext context, Iterator<PartitionData> blocks) {
    GradientSum sum = gradient(context, blocks);
    return weights.value().weights().isFloat()
        ? StepResult.pooledFloats(sum)
        : StepResult.pooled(sum);
  }

  /**
   * The partition's sum for the step, in a buffer from {@link GradientBuffers} that the caller
   * releases.
   */
  GradientSum gradient(TaskContext context, Iterator<PartitionData> blocks) {
    FaultInjection.gradientTask(context);
    PartitionData data = single(context, blocks);
    return data.gradient(batches, weights.value().weights(), epoch, step);
  }

  /** The one training block a partition of the cached training set holds. */
  public static <T> T single(TaskContext context, Iterator<T> blocks) {
    if (!blocks.hasNext()) {
      throw new IllegalStateException(
          "partition " + context.partitionId() + " holds no training block");
    }
    T data = blocks.next();
    if (blocks.hasNext()) {
      throw new IllegalStateException(
          "partition " + context.partitionId() + " holds more than one training block");
    }
    return data;
  }
}

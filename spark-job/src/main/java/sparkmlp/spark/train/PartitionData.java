package sparkmlp.spark.train;

import java.io.Serializable;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.train.BlockGradient;
import sparkmlp.core.train.GradientSum;

/**
 * One partition's training examples, stacked once into a block and cached on its executor, with the
 * scratch state its tasks reuse from step to step: the epoch's batch plan, a workspace and a
 * gradient buffer. The scratch state is transient: a recomputed partition rebuilds it,
 * deterministically.
 */
public final class PartitionData implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DataBlock block;
  private transient BatchPlan plan;
  private transient int planEpoch = -1;
  private transient Workspace workspace;
  private transient GradientSum sum;

  public PartitionData(DataBlock block) {
    this.block = block;
  }

  public DataBlock block() {
    return block;
  }

  /**
   * This partition's share of step {@code step} of epoch {@code epoch}: gradient, loss sum and
   * count.
   */
  public synchronized GradientSum gradient(
      Network net, double[] params, long numTrain, int batchSize, long seed, int epoch, int step) {
    if (plan == null || planEpoch != epoch) {
      plan = BatchPlan.of(block, numTrain, batchSize, seed, epoch);
      planEpoch = epoch;
    }
    if (workspace == null) {
      workspace = net.newWorkspace(Math.max(1, Math.min(block.size(), 2 * batchSize)));
      sum = GradientSum.zero(net.numParams());
    }
    // Reused across steps: Spark serialises a task's result before the next step's task can start.
    sum.reset();
    BlockGradient.accumulate(net, params, block, plan, step, workspace, sum);
    return sum;
  }
}

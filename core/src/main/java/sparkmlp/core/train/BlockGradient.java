package sparkmlp.core.train;

import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.FloatBatchView;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.DropoutKey;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;

/**
 * A block's share of one global mini-batch: gathers the step's members (and their weights, for a
 * weighted block) into the workspace and adds their gradient and loss sums. What every Spark task
 * and the single-process trainer run for a step. Dropout masks follow from the plan's seed and
 * epoch and each member's global rank, so the sum does not depend on how the examples are split
 * into blocks.
 */
public final class BlockGradient {
  private BlockGradient() {}

  /** Adds the block's share of the step to {@code sum}. */
  public static void accumulate(
      Network net,
      double[] params,
      DataBlock block,
      BatchPlan plan,
      int step,
      Workspace ws,
      GradientSum sum) {
    int count = plan.count(step);
    if (count == 0) {
      return;
    }
    double[] x = ws.inputBuffer(count);
    double[] y = ws.targetBuffer(count);
    plan.gather(block, step, x, y);
    double[] w = weights(block, plan, step, ws, count);
    DropoutKey key = key(net, block, plan, step, ws, count);
    double loss = net.gradient(params, BatchView.weighted(x, y, w, count), sum.grad(), ws, key);
    sum.add(loss, count, w == null ? count : total(w, count));
  }

  /**
   * The same in single precision ({@link Precision#FLOAT}): float weights, the members gathered as
   * floats, every product through {@code sgemm}; adds to the float partial {@code sum}. {@code ws}
   * comes from {@link Network#newFloatWorkspace}.
   */
  public static void accumulate(
      Network net,
      float[] params,
      DataBlock block,
      BatchPlan plan,
      int step,
      Workspace ws,
      FloatGradientSum sum) {
    int count = plan.count(step);
    if (count == 0) {
      return;
    }
    float[] x = ws.floatInputBuffer(count);
    double[] y = ws.targetBuffer(count);
    if (!ws.takeGathered(plan, step)) {
      plan.gather(block, step, x, y);
    }
    double[] w = weights(block, plan, step, ws, count);
    DropoutKey key = key(net, block, plan, step, ws, count);
    double loss =
        net.gradient(params, FloatBatchView.weighted(x, y, w, count), sum.grad(), ws, key);
    sum.add(loss, count, w == null ? count : total(w, count));
  }

  /**
   * Gathers the block's members of step {@code step} into the float workspace's input and target
   * buffers ahead of the step's {@link #accumulate(Network, float[], DataBlock, BatchPlan, int,
   * Workspace, FloatGradientSum) float accumulate}, which then uses them as they are: the same
   * values its own gather would copy, copied while the caller would otherwise wait.
   */
  public static void gatherAhead(DataBlock block, BatchPlan plan, int step, Workspace ws) {
    int count = plan.count(step);
    float[] x = ws.floatInputBuffer(count);
    double[] y = ws.targetBuffer(count);
    plan.gather(block, step, x, y);
    ws.holdGathered(plan, step);
  }

  /** The step's weights for a weighted block, else null. */
  private static double[] weights(
      DataBlock block, BatchPlan plan, int step, Workspace ws, int count) {
    if (!block.isWeighted()) {
      return null;
    }
    double[] w = ws.weightBuffer(count);
    plan.gatherWeights(block, step, w);
    return w;
  }

  private static double total(double[] w, int count) {
    double total = 0;
    for (int i = 0; i < count; i++) {
      total += w[i];
    }
    return total;
  }

  private static DropoutKey key(
      Network net, DataBlock block, BatchPlan plan, int step, Workspace ws, int count) {
    if (!net.hasDropout()) {
      return null;
    }
    long[] ranks = ws.rankBuffer(count);
    plan.gatherRanks(block, step, ranks);
    return new DropoutKey(plan.seed(), plan.epoch(), ranks);
  }
}

package sparkmlp.core.train;

import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;

/**
 * A block's share of one global mini-batch: gathers the step's members into the workspace and adds
 * their gradient and loss sums. What every Spark task and the single-process trainer run for a
 * step.
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
    if (!block.isWeighted()) {
      double loss = net.gradient(params, x, 0, y, 0, count, sum.grad(), ws);
      sum.add(loss, count);
      return;
    }
    double[] w = ws.weightBuffer(count);
    plan.gatherWeights(block, step, w);
    double total = 0;
    for (int i = 0; i < count; i++) {
      total += w[i];
    }
    double loss = net.gradient(params, x, 0, y, 0, w, 0, count, sum.grad(), ws);
    sum.add(loss, count, total);
  }
}

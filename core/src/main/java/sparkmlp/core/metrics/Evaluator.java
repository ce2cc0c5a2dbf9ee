package sparkmlp.core.metrics;

import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.task.Task;

/** Runs a network over a block in fixed-size batches and accumulates loss and metrics. */
public final class Evaluator {
  private static final int BATCH = 512;

  private Evaluator() {}

  /** Adds the block's examples to {@code acc} at these weights; returns acc. */
  public static MetricsAccumulator accumulate(
      Network net, double[] params, DataBlock block, Workspace ws, MetricsAccumulator acc) {
    for (int start = 0; start < block.size(); start += BATCH) {
      int count = Math.min(BATCH, block.size() - start);
      double[] x = ws.inputBuffer(count);
      double[] y = ws.targetBuffer(count);
      for (int i = 0; i < count; i++) {
        block.copyExample(start + i, x, y, i);
      }
      double loss = net.loss(params, x, 0, y, 0, count, ws);
      acc.add(ws.output(), y, 0, count, loss);
    }
    return acc;
  }

  /** Metrics of a whole block. */
  public static Evaluation evaluate(
      Network net, Task task, int classes, double[] params, DataBlock block) {
    MetricsAccumulator acc = new MetricsAccumulator(task, net.outputSize(), classes);
    return accumulate(
            net, params, block, net.newWorkspace(Math.min(BATCH, Math.max(1, block.size()))), acc)
        .result();
  }
}

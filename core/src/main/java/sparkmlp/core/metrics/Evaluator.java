package sparkmlp.core.metrics;

import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.task.Task;

/** Runs a network over a block in fixed-size batches and accumulates loss and metrics. */
public final class Evaluator {
  /** Examples run through the network at once when evaluating or predicting. */
  public static final int BATCH_SIZE = 512;

  private Evaluator() {}

  /** A workspace for evaluating {@code examples} examples in batches of at most BATCH_SIZE. */
  public static Workspace workspace(Network net, int examples) {
    return net.newWorkspace(Math.min(BATCH_SIZE, Math.max(1, examples)));
  }

  /** Adds the block's examples to {@code acc} at these weights; returns acc. */
  public static MetricsAccumulator accumulate(
      Network net, double[] params, DataBlock block, Workspace ws, MetricsAccumulator acc) {
    for (int start = 0; start < block.size(); start += BATCH_SIZE) {
      int count = Math.min(BATCH_SIZE, block.size() - start);
      double[] x = ws.inputBuffer(count);
      double[] y = ws.targetBuffer(count);
      for (int i = 0; i < count; i++) {
        block.copyExample(start + i, x, y, i);
      }
      double loss = net.loss(params, BatchView.of(x, y, count), ws);
      acc.add(ws.output(), y, 0, count, loss);
    }
    return acc;
  }

  /** Metrics of a whole block. */
  public static Evaluation evaluate(
      Network net, Task task, int classes, double[] params, DataBlock block) {
    MetricsAccumulator acc = new MetricsAccumulator(task, net.outputSize(), classes);
    return accumulate(net, params, block, workspace(net, block.size()), acc).result();
  }
}

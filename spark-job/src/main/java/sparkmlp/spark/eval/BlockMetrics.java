package sparkmlp.spark.eval;

import java.io.DataInput;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.task.Task;

/**
 * One evaluation block's loss and metrics at given weights, and the merge of a data set's blocks in
 * their order: what {@link EvaluationJob}'s tasks and a resident engine's tasks both compute, so
 * that either gives the same evaluation bit for bit.
 *
 * @param classes ignored for regression
 */
public record BlockMetrics(Network net, Task task, int classes) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The accumulated loss and metrics of {@code block} at {@code params}. */
  public MetricsAccumulator of(double[] params, DataBlock block) {
    return of(params, block, workspace(block.size()));
  }

  /**
   * The same in a workspace of this network that the caller reuses from block to block ({@link
   * #workspace}): the same numbers, since a block is evaluated in fixed slices whatever the
   * workspace holds. A task that validates every epoch then allocates no buffers per block (buffers
   * that G1 allocates as humongous objects, each starting a concurrent collection cycle).
   */
  public MetricsAccumulator of(double[] params, DataBlock block, Workspace ws) {
    return Evaluator.accumulate(net, params, block, ws, empty());
  }

  /** A workspace for evaluating blocks of up to {@code blockSize} examples (it grows past that). */
  public Workspace workspace(int blockSize) {
    return Evaluator.workspace(net, blockSize);
  }

  /** An accumulator whose sums {@link MetricsAccumulator#writeSums} wrote, for this evaluation. */
  public MetricsAccumulator read(DataInput in) throws IOException {
    return MetricsAccumulator.readSums(in, task, net.outputSize(), classes);
  }

  /** The evaluation of blocks whose accumulators are {@code parts}, in the blocks' order. */
  public Evaluation merged(List<MetricsAccumulator> parts) {
    MetricsAccumulator acc = empty();
    parts.forEach(acc::merge);
    return acc.result();
  }

  private MetricsAccumulator empty() {
    return new MetricsAccumulator(task, net.outputSize(), classes);
  }
}

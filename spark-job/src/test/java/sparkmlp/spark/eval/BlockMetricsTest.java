package sparkmlp.spark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.DataBlocks;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.task.Task;

/**
 * A resident task evaluates its validation blocks, epoch after epoch, in one workspace: a block's
 * metrics in a workspace reused from larger and smaller blocks equal those in a fresh one, bit for
 * bit.
 */
class BlockMetricsTest {
  @Test
  void aReusedWorkspaceGivesTheMetricsOfAFreshOne() {
    Network net =
        Network.of(
            6,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(9, Activation.RELU),
            Dense.of(4, Activation.SOFTMAX));
    BlockMetrics metrics = new BlockMetrics(net, Task.MULTICLASS, 4);
    double[] params = new double[net.numParams()];
    Random r = new Random(7);
    for (int i = 0; i < params.length; i++) {
      params[i] = r.nextGaussian() * 0.4;
    }
    // 1,100 examples: slices of 512, 512 and 76; then blocks of 3 and 700
    DataBlock[] blocks = {block(1100, 6, 4, 1), block(3, 6, 4, 2), block(700, 6, 4, 3)};
    Workspace reused = metrics.workspace(3);
    for (int pass = 0; pass < 2; pass++) {
      for (DataBlock b : blocks) {
        Evaluation fresh = metrics.merged(List.of(metrics.of(params, b)));
        Evaluation again = metrics.merged(List.of(metrics.of(params, b, reused)));
        assertEquals(fresh.loss(), again.loss(), 0.0);
        assertEquals(fresh.count(), again.count());
        assertEquals(fresh.accuracy(), again.accuracy(), 0.0);
      }
    }
  }

  private static DataBlock block(int n, int features, int classes, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][features];
    double[][] y = new double[n][1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < features; j++) {
        x[i][j] = r.nextGaussian();
      }
      y[i][0] = r.nextInt(classes);
    }
    return DataBlocks.fromRows(x, y);
  }
}

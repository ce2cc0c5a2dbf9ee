package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.DataBlocks;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.task.Task;

/**
 * y = w·x + b, squared error, four identical examples, batches of one, SGD at an absurd learning
 * rate.
 */
class DivergenceTest {
  private static final Network NET = Network.of(1, Loss.MSE, Dense.of(1, Activation.IDENTITY));

  private static DivergenceException diverge(double x, double lr) {
    DataBlock data =
        DataBlocks.fromRows(
            new double[][] {{x}, {x}, {x}, {x}}, new double[][] {{0}, {0}, {0}, {0}});
    TrainingConfig c =
        new TrainingConfigBuilder()
            .setEpochs(3)
            .setBatchSize(1)
            .setOptimizer(Optimizer.sgd(), lr)
            .build();
    Trainer t = new Trainer(NET, Task.REGRESSION, 0, c);
    return assertThrows(
        DivergenceException.class,
        () -> t.fit(new double[] {1, 0}, data, null, TrainingListener.NONE));
  }

  @Test
  void infiniteLossNamesEpochAndStep() {
    // step 1: gradient (1, 1), so w = 1 - 1e308 and b = -1e308, still finite; step 2: w + b = -inf
    assertEquals(
        "training diverged: the loss is Infinity at epoch 1, step 2; lower the learning rate"
            + " (the last good checkpoint is kept)",
        diverge(1, 1e308).getMessage());
  }

  @Test
  void infiniteWeightNamesEpochAndStep() {
    // x = 2: step 1 gradient is (4, 2), and 1 - 4e308 overflows
    assertEquals(
        "training diverged: a weight became -Infinity at epoch 1, step 1; lower the learning rate"
            + " (the last good checkpoint is kept)",
        diverge(2, 1e308).getMessage());
  }

  @Test
  void hugeLearningRateOnARealNetworkDiverges() {
    Network net =
        Network.of(
            4,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(8, Activation.RELU),
            Dense.of(3, Activation.SOFTMAX));
    TrainingConfig c =
        new TrainingConfigBuilder()
            .setEpochs(5)
            .setBatchSize(10)
            .setOptimizer(Optimizer.sgd(), 1e305)
            .build();
    DataBlock data = Blobs.of(50, 4, 3, 0.5, 3);
    double[] p = sparkmlp.core.init.Initializer.HE_NORMAL.initialise(net, 1);
    DivergenceException e =
        assertThrows(
            DivergenceException.class,
            () ->
                new Trainer(net, Task.MULTICLASS, 3, c).fit(p, data, null, TrainingListener.NONE));
    assertEquals(
        true,
        e.getMessage()
            .matches(
                "training diverged: .* at epoch \\d+, step \\d+; lower the learning rate"
                    + " \\(the last good checkpoint is kept\\)"),
        e.getMessage());
  }
}

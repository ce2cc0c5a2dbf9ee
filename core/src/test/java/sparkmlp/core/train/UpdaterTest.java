package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.optim.LearningRateSchedule;
import sparkmlp.core.optim.Optimizer;

class UpdaterTest {
  private static final Network NET = Network.of(1, Loss.MSE, Dense.of(1, Activation.IDENTITY));

  @Test
  void dividesOnceByTheCountAndDecaysWeightsNotBiases() {
    TrainingConfig c =
        new TrainingConfigBuilder().setOptimizer(Optimizer.sgd(), 1.0).optWeightDecay(0.1).build();
    double[] params = {3, 5}; // w, b
    double[] grad = {2, 4}; // summed over 2 examples
    new Updater(NET, c, new LearningRateSchedule.RunLength(1, c.epochs()))
        .apply(params, grad, 2, Optimizer.sgd().newState(2), 0, 0);
    // mean gradient (1, 2); decay adds 0.1·w = 0.3 to the weight only
    assertArrayEquals(new double[] {1.3, 2}, grad, 1e-15);
    assertArrayEquals(new double[] {1.7, 3}, params, 1e-15);
  }

  @Test
  void usesTheScheduledRateOfTheEpoch() {
    TrainingConfig c =
        new TrainingConfigBuilder()
            .setOptimizer(Optimizer.sgd(), 0.5)
            .optSchedule(LearningRateSchedule.exponential(0.5))
            .build();
    Updater u = new Updater(NET, c, new LearningRateSchedule.RunLength(1, c.epochs()));
    assertEquals(0.125, u.learningRate(2, 0));
    double[] params = {0, 0};
    u.apply(params, new double[] {8, 8}, 1, Optimizer.sgd().newState(2), 2, 0);
    assertArrayEquals(new double[] {-1, -1}, params, 0);
  }

  @Test
  void emptyStepAndBadConfigsAreRejected() {
    TrainingConfig c = new TrainingConfigBuilder().build();
    assertEquals(
        "a step needs at least one example, found 0",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Updater(NET, c, new LearningRateSchedule.RunLength(1, c.epochs()))
                        .apply(new double[2], new double[2], 0, c.optimizer().newState(2), 0, 0))
            .getMessage());
    assertEquals(
        "learning rate must be a finite number > 0, found Infinity",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new TrainingConfigBuilder()
                        .setOptimizer(Optimizer.sgd(), Double.POSITIVE_INFINITY)
                        .build())
            .getMessage());
    assertEquals(
        "batch size must be >= 1, found 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingConfigBuilder().setBatchSize(0).build())
            .getMessage());
    assertEquals(
        "epochs must be >= 1, found 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingConfigBuilder().setEpochs(0).build())
            .getMessage());
    assertEquals(
        "weight decay must be a finite number >= 0, found -1.0",
        assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingConfigBuilder().optWeightDecay(-1).build())
            .getMessage());
  }
}

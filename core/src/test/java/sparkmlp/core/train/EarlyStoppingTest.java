package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.metrics.ClassificationMetrics;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.optim.Optimizer;

class EarlyStoppingTest {
  private static final Network NET = Network.of(1, Loss.MSE, Dense.of(1, Activation.IDENTITY));

  /**
   * Gradient of all ones every step; validation figures scripted per epoch; weights seen at each
   * validation.
   */
  private static final class Scripted implements GradientSource, Validator {
    final double[] values;
    final boolean accuracy;
    final List<double[]> seen = new ArrayList<>();

    Scripted(boolean accuracy, double... values) {
      this.values = values;
      this.accuracy = accuracy;
    }

    @Override
    public GradientSum compute(double[] params, int epoch, int step) {
      return new GradientSum(new double[] {1, 1}, 0.5, 1);
    }

    @Override
    public Evaluation validate(double[] params) {
      seen.add(params.clone());
      double v = values[seen.size() - 1];
      if (!accuracy) {
        return new Evaluation(1, v, null, null);
      }
      // v = accuracy from a 2-class confusion matrix of 16 examples
      long correct = Math.round(v * 16);
      return new Evaluation(
          16, 1.0, ClassificationMetrics.of(new long[][] {{correct, 16 - correct}, {0, 0}}), null);
    }
  }

  private static TrainingState run(
      EarlyStopping early, GradientSource source, Validator validator, int epochs) {
    TrainingConfig c =
        new TrainingConfigBuilder()
            .setEpochs(epochs)
            .setBatchSize(1)
            .setOptimizer(Optimizer.sgd(), 0.1)
            .optEarlyStopping(early)
            .build();
    TrainingLoop loop = new TrainingLoop(NET, c, 1);
    return loop.run(loop.newState(new double[] {0, 0}), source, validator, TrainingListener.NONE);
  }

  @Test
  void stopsAfterPatienceNonImprovingEpochsAndRestoresTheBest() {
    Scripted src = new Scripted(false, 1.0, 0.5, 0.6, 0.55, 0.7, 0.1, 0.1);
    TrainingState s = run(new EarlyStopping(Monitor.VAL_LOSS, 3, 0, true), src, src, 10);
    assertTrue(s.stopped);
    assertEquals(5, s.history.size());
    assertEquals(5, s.epoch);
    assertEquals(2, s.bestEpoch);
    assertEquals(0.5, s.bestValue, 0);
    assertEquals(3, s.wait);
    assertArrayEquals(src.seen.get(1), s.params, 0);
    // one SGD step of lr 0.1 on a gradient of ones per epoch
    assertArrayEquals(new double[] {-0.2, -0.2}, s.params, 1e-15);
  }

  @Test
  void withoutRestoreTheLastWeightsStay() {
    Scripted src = new Scripted(false, 1.0, 0.5, 0.6, 0.55, 0.7);
    TrainingState s = run(new EarlyStopping(Monitor.VAL_LOSS, 3, 0, false), src, src, 10);
    assertTrue(s.stopped);
    assertArrayEquals(src.seen.get(4), s.params, 0);
    assertEquals(null, s.bestParams);
  }

  @Test
  void minDeltaDecidesWhatCountsAsImprovement() {
    // 0.95 and 0.91 improve on 1.0 by less than 0.1: epochs 2 and 3 do not count
    Scripted src = new Scripted(false, 1.0, 0.95, 0.91, 0.5, 0.45, 0.44);
    TrainingState s = run(new EarlyStopping(Monitor.VAL_LOSS, 2, 0.1, true), src, src, 10);
    assertTrue(s.stopped);
    assertEquals(3, s.history.size());
    assertEquals(1, s.bestEpoch);
  }

  @Test
  void accuracyIsMaximised() {
    // epoch 4 ties epoch 2's 0.75, which is no improvement; epoch 5 improves; 6, 7 (a tie) and 8 do
    // not
    Scripted src = new Scripted(true, 0.5, 0.75, 0.625, 0.75, 0.875, 0.5, 0.875, 0.75, 1.0);
    TrainingState s = run(new EarlyStopping(Monitor.VAL_ACCURACY, 3, 0, true), src, src, 10);
    assertEquals(8, s.history.size());
    assertEquals(5, s.bestEpoch);
    assertEquals(0.875, s.bestValue, 0);
    assertEquals(3, s.wait);
    assertArrayEquals(src.seen.get(4), s.params, 0);
    assertTrue(s.stopped);
  }

  @Test
  void runsToTheEndWhileImproving() {
    Scripted src = new Scripted(false, 5, 4, 3, 2);
    TrainingState s = run(new EarlyStopping(Monitor.VAL_LOSS, 1, 0, true), src, src, 4);
    assertFalse(s.stopped);
    assertEquals(4, s.history.size());
    assertEquals(4, s.bestEpoch);
  }

  @Test
  void badSettingsAndMissingValidationAreReported() {
    assertEquals(
        "unknown monitor 'acc'; expected loss, val_loss or val_accuracy",
        assertThrows(IllegalArgumentException.class, () -> Monitor.fromId("acc")).getMessage());
    assertEquals(
        "patience must be >= 1, found 0",
        assertThrows(
                IllegalArgumentException.class, () -> new EarlyStopping(Monitor.LOSS, 0, 0, true))
            .getMessage());
    assertEquals(
        "min-delta must be >= 0, found -0.1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new EarlyStopping(Monitor.LOSS, 1, -0.1, true))
            .getMessage());
    GradientSource ones = (params, epoch, step) -> new GradientSum(new double[] {1, 1}, 0.5, 1);
    assertEquals(
        "early stopping monitors val_loss, which needs validation data; set a validation path or split",
        assertThrows(
                IllegalArgumentException.class,
                () -> run(new EarlyStopping(Monitor.VAL_LOSS, 2, 0, true), ones, Validator.NONE, 3))
            .getMessage());
  }
}

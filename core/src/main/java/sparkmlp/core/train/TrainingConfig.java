package sparkmlp.core.train;

import java.util.Objects;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.optim.LearningRateSchedule;
import sparkmlp.core.optim.Optimizer;

/**
 * How to train: epochs, global batch size, seed (of the batch rule), optimiser and base learning
 * rate, schedule, L2 weight decay (on weights, not biases), and optional early stopping (null for
 * none).
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    long seed,
    Optimizer optimizer,
    double learningRate,
    LearningRateSchedule schedule,
    double weightDecay,
    EarlyStopping earlyStopping) {

  public TrainingConfig {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning rate must be a finite number > 0, found " + learningRate);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          "weight decay must be a finite number >= 0, found " + weightDecay);
    }
  }

  /** The shape of a run over {@code numExamples} training examples, for the schedule. */
  public LearningRateSchedule.RunLength runLength(long numExamples) {
    return new LearningRateSchedule.RunLength(BatchPlan.numSteps(numExamples, batchSize), epochs);
  }
}

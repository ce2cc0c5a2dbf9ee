package sparkmlp.core.train;

import sparkmlp.core.optim.LearningRateSchedule;
import sparkmlp.core.optim.Optimizer;

/**
 * A {@link TrainingConfig} for tests: {@code setX} for what has no sensible default, {@code optX}
 * for the rest.
 */
public final class TrainingConfigBuilder {
  private int epochs = 10;
  private int batchSize = 32;
  private long seed = 42;
  private Optimizer optimizer = Optimizer.adam(0.9, 0.999, 1e-8);
  private double learningRate = 0.001;
  private LearningRateSchedule schedule = LearningRateSchedule.constant();
  private double weightDecay;
  private EarlyStopping earlyStopping;

  public TrainingConfigBuilder setEpochs(int v) {
    epochs = v;
    return this;
  }

  public TrainingConfigBuilder setBatchSize(int v) {
    batchSize = v;
    return this;
  }

  public TrainingConfigBuilder setOptimizer(Optimizer v, double lr) {
    optimizer = v;
    learningRate = lr;
    return this;
  }

  public TrainingConfigBuilder optSeed(long v) {
    seed = v;
    return this;
  }

  public TrainingConfigBuilder optSchedule(LearningRateSchedule v) {
    schedule = v;
    return this;
  }

  public TrainingConfigBuilder optWeightDecay(double v) {
    weightDecay = v;
    return this;
  }

  public TrainingConfigBuilder optEarlyStopping(EarlyStopping v) {
    earlyStopping = v;
    return this;
  }

  public TrainingConfig build() {
    return new TrainingConfig(
        epochs, batchSize, seed, optimizer, learningRate, schedule, weightDecay, earlyStopping);
  }
}

package sparkmlp.spark.config;

import java.util.Objects;

/**
 * How to train ({@code mlp.train}).
 *
 * @param epochs passes over the training set, at least 1
 * @param batchSize examples per mini-batch (over the whole cluster), at least 1
 * @param seed seed of every random stream (initial weights, shuffling, splits)
 * @param optimizer the update rule
 * @param schedule the learning-rate schedule
 * @param earlyStopping when to stop before {@code epochs}
 * @param checkpoint when and where to save resumable checkpoints
 */
public record TrainSettings(
    int epochs,
    int batchSize,
    long seed,
    OptimizerSettings optimizer,
    ScheduleSettings schedule,
    EarlyStoppingSettings earlyStopping,
    CheckpointSettings checkpoint) {

  /** Rejects missing sub-settings. */
  public TrainSettings {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(earlyStopping, "earlyStopping");
    Objects.requireNonNull(checkpoint, "checkpoint");
  }
}

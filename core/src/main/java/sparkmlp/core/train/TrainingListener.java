package sparkmlp.core.train;

/** Hooks a training loop calls: progress, checkpoints, logs. Defaults do nothing. */
public interface TrainingListener {
  /**
   * After each update but an epoch's last (onEpoch follows that one); {@code state.step} = steps
   * done in the epoch.
   */
  default void onStep(TrainingState state, int stepsPerEpoch) {}

  /** After each epoch, once the metrics are in the history and {@code state.epoch} has advanced. */
  default void onEpoch(TrainingState state, EpochMetrics metrics) {}

  TrainingListener NONE = new TrainingListener() {};
}

package sparkmlp.core.train;

/** Hooks a training loop calls: progress, checkpoints, logs. Defaults do nothing. */
public interface TrainingListener {
  /**
   * After each update but an epoch's last (onEpoch follows that one); {@code state.step} = steps
   * done in the epoch.
   */
  default void onStep(TrainingState state, int stepsPerEpoch) {}

  /**
   * Whether the coming {@link #onStep} reads the weights or the optimiser state (a checkpoint): a
   * source that keeps them elsewhere ({@link UpdatingSource}) then copies them into the state
   * first. Default: no.
   */
  default boolean readsWeightsOnStep(TrainingState state, int stepsPerEpoch) {
    return false;
  }

  /** After each epoch, once the metrics are in the history and {@code state.epoch} has advanced. */
  default void onEpoch(TrainingState state, EpochMetrics metrics) {}

  TrainingListener NONE = new TrainingListener() {};
}

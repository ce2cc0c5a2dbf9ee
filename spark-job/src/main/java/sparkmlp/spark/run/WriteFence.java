package sparkmlp.spark.run;

/**
 * A check made before each file a training run writes (checkpoints, the model, its summary and
 * history): {@code mlp retrain} passes its run lock's fencing check, so a run that lost its lock
 * stops before its next write, even mid-training. {@link #NONE} for {@code mlp train}.
 */
@FunctionalInterface
public interface WriteFence {
  /** No check: the run owns its output folder. */
  WriteFence NONE = () -> {};

  /** Returns when the run may write; throws (ending the run) when it may not. */
  void check();
}

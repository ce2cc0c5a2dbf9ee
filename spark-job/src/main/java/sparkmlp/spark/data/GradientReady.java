package sparkmlp.spark.data;

import sparkmlp.core.linalg.Vec;

/**
 * Told, while a partition's gradient sum is computed, that {@code sum} from {@code from} on is
 * final (no later layer's backward pass writes it again): the output layer's part first, then lower
 * offsets, and 0 once the sum is whole. Called on the computing thread; for an engine that sends
 * the last layers' sums while the first layers' backward still runs.
 */
@FunctionalInterface
public interface GradientReady {
  void ready(Vec sum, int from);

  /**
   * Told, before a dense layer's forward pass reads the weights, where the weights it reads end
   * ({@code Workspace.onWeightsNeeded}); returns once they are there. For an engine whose weights
   * still arrive while the first layers' forward pass runs; the weights are all there by default.
   */
  default void weightsNeeded(int upTo) {}
}

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
}

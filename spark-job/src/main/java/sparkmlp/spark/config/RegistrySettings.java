package sparkmlp.spark.config;

import java.util.Optional;
import sparkmlp.core.metrics.GateMetric;
import sparkmlp.core.model.DriftMeasure;

/**
 * The model registry and what {@code mlp retrain} checks before it promotes ({@code mlp.registry}).
 *
 * @param dir registry folder (path or URI); {@code null} when unset (retrain requires it)
 * @param warmStart start from the champion's weights (true) or from fresh ones
 * @param gate {@code mlp.registry.gate}: the promotion rule
 * @param checks {@code mlp.registry.checks}: row count and new classes
 * @param drift {@code mlp.registry.drift}: per-feature drift against the champion's training data
 * @param lock {@code mlp.registry.lock}: the stale-lock rule
 */
public record RegistrySettings(
    String dir, boolean warmStart, Gate gate, Checks checks, Drift drift, Lock lock) {

  /**
   * The gate.
   *
   * @param metric the metric; empty means the task's default ({@link GateMetric#defaultFor})
   * @param tolerance how much worse than the champion the candidate may be, in metric units
   * @param floor the worst value a candidate may have to be promoted at all; {@code null} means
   *     none
   */
  public record Gate(Optional<GateMetric> metric, double tolerance, Double floor) {}

  /**
   * Checks before training.
   *
   * @param minRows fewest training rows a run accepts
   * @param allowNewClasses accept labels the champion does not know (the run then starts from fresh
   *     weights)
   */
  public record Checks(int minRows, boolean allowNewClasses) {}

  /**
   * Drift thresholds.
   *
   * @param measure psi or mean-shift
   * @param warn a feature drifting at least this much is reported as a warning
   * @param fail a feature drifting at least this much stops the run
   */
  public record Drift(DriftMeasure measure, double warn, double fail) {}

  /**
   * Run locks.
   *
   * @param staleMinutes a lock whose heartbeat is older than this may be taken over
   */
  public record Lock(double staleMinutes) {}
}

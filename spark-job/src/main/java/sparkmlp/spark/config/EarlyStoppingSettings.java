package sparkmlp.spark.config;

import java.util.Objects;
import sparkmlp.core.train.Monitor;

/**
 * Stopping before the last epoch when a metric stops improving ({@code mlp.train.early-stopping}).
 *
 * @param enabled whether to stop early at all
 * @param monitor the metric watched after each epoch
 * @param patience epochs without improvement before stopping, at least 1
 * @param minDelta smallest change that counts as an improvement, &ge; 0
 * @param restoreBest whether the saved model is the best epoch's rather than the last one's
 */
public record EarlyStoppingSettings(
    boolean enabled, Monitor monitor, int patience, double minDelta, boolean restoreBest) {

  /** Rejects a missing monitor. */
  public EarlyStoppingSettings {
    Objects.requireNonNull(monitor, "monitor");
  }
}

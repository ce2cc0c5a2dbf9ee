package sparkmlp.core.train;

import java.util.Objects;

/**
 * Stops training when the monitored value has not improved by more than {@code minDelta} for {@code
 * patience} epochs (as Keras's EarlyStopping); optionally restores the best epoch's weights.
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBest) {
  public EarlyStopping {
    Objects.requireNonNull(monitor, "monitor");
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, found " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("min-delta must be >= 0, found " + minDelta);
    }
  }

  /** True when {@code value} improves on {@code best} by more than minDelta. */
  public boolean improves(double value, double best) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    return monitor.maximises() ? value > best + minDelta : value < best - minDelta;
  }
}

package sparkmlp.core.train;

/**
 * Stops training when the monitored value has not improved by more than {@code minDelta} for {@code
 * patience} epochs (as Keras's EarlyStopping); optionally restores the best epoch's weights.
 */
public record EarlyStopping(String monitor, int patience, double minDelta, boolean restoreBest) {
  public EarlyStopping {
    new EpochMetrics(0, 0, 0, 0, 0, 0, 0).monitored(monitor);
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, found " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("min-delta must be >= 0, found " + minDelta);
    }
  }

  /** True when larger values are better (accuracy). */
  public boolean maximises() {
    return monitor.equals("val_accuracy");
  }

  /** True when {@code value} improves on {@code best} by more than minDelta. */
  public boolean improves(double value, double best) {
    if (Double.isNaN(best)) {
      return !Double.isNaN(value);
    }
    return maximises() ? value > best + minDelta : value < best - minDelta;
  }
}

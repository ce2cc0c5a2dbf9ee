package sparkmlp.core.train;

import sparkmlp.core.metrics.Evaluation;

/**
 * Where a training loop gets each step's summed gradient and each epoch's validation metrics from.
 */
public interface GradientSource {
  /**
   * The summed gradient, loss and count of step {@code step} of epoch {@code epoch} (0-based) at
   * these weights.
   */
  GradientSum compute(double[] params, int epoch, int step);

  /** Metrics of the validation data at these weights, or null when there is none. */
  Evaluation validate(double[] params);
}

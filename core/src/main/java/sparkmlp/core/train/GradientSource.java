package sparkmlp.core.train;

/** Where a training loop gets each step's summed gradient from. */
public interface GradientSource {
  /**
   * The summed gradient, loss and count of step {@code step} of epoch {@code epoch} (0-based) at
   * these weights.
   */
  GradientSum compute(double[] params, int epoch, int step);
}

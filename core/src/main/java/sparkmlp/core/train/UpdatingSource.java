package sparkmlp.core.train;

import sparkmlp.core.optim.OptimizerState;

/**
 * A gradient source that also applies each step's update where it keeps the weights and the
 * optimiser's state (sharded across workers, say), with the {@link UpdateRule} of the loop's {@link
 * Updater}: the loop then gets only each step's totals, and the weights and state when it needs
 * them (validation, checkpoints, the end of the run). The numbers must equal what the loop's own
 * update of the summed gradient gives.
 */
public interface UpdatingSource extends GradientSource {
  /**
   * From now on, the steps start from these weights and this optimiser state (copied), the next
   * being step {@code step} of epoch {@code epoch}.
   */
  void load(double[] params, OptimizerState state, int epoch, int step);

  /**
   * Step {@code step} of epoch {@code epoch} at the current weights, updated at {@code
   * learningRate} unless the step's loss is not finite or its weight total is 0; the step's loss,
   * count and weight totals (its gradient is not returned).
   *
   * @throws DivergenceException when the update left a weight that is not finite
   */
  GradientSum step(int epoch, int step, double learningRate);

  /** Copies the current weights and optimiser state into {@code params} and {@code state}. */
  void store(double[] params, OptimizerState state);
}

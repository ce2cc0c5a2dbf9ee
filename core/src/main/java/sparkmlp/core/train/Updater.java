package sparkmlp.core.train;

import sparkmlp.core.layer.Network;
import sparkmlp.core.optim.LearningRateSchedule.RunLength;
import sparkmlp.core.optim.OptimizerState;

/**
 * One parameter update from a summed gradient: divide once by the global example count, add L2
 * weight decay on weights (not biases), step the optimiser at the step's scheduled learning rate,
 * and refuse to leave non-finite weights behind.
 */
public final class Updater {
  private final TrainingConfig config;
  private final RunLength run;
  private final UpdateRule rule;

  /**
   * An updater for a run of shape {@code run}; rejects a schedule that does not fit it (e.g. a
   * warm-up as long as the run).
   */
  public Updater(Network net, TrainingConfig config, RunLength run) {
    config.schedule().check(run);
    this.config = config;
    this.run = run;
    this.rule = new UpdateRule(net, config);
  }

  /** The element-wise rule this updater applies (for updates made in slices, elsewhere). */
  public UpdateRule rule() {
    return rule;
  }

  /** The learning rate of step {@code step} of epoch {@code epoch} (both 0-based). */
  public double learningRate(int epoch, int step) {
    return config.schedule().rate(config.learningRate(), run.globalStep(epoch, step), run);
  }

  /** Updates params in place; {@code gradSum} is overwritten with the mean gradient. */
  public void apply(
      double[] params, double[] gradSum, long count, OptimizerState state, int epoch, int step) {
    if (count <= 0) {
      throw new IllegalArgumentException("a step needs at least one example, found " + count);
    }
    apply(params, gradSum, (double) count, state, epoch, step);
  }

  /**
   * The same for a weighted sum: divides by the weight total (the count when unweighted, which
   * gives the same numbers as the count overload).
   */
  public void apply(
      double[] params,
      double[] gradSum,
      double weightTotal,
      OptimizerState state,
      int epoch,
      int step) {
    int bad = rule.apply(params, gradSum, 0, weightTotal, state, learningRate(epoch, step));
    if (bad >= 0) {
      throw new DivergenceException("a weight became " + params[bad], epoch, step);
    }
  }
}

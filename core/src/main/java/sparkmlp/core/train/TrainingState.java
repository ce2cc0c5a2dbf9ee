package sparkmlp.core.train;

import java.util.ArrayList;
import java.util.List;
import sparkmlp.core.optim.OptimizerState;

/**
 * Everything a run needs to continue exactly where it stopped: weights, optimiser state, position
 * (next epoch and step, 0-based), the running sums of the current epoch, history and early-stopping
 * state. Mutable; owned by one training loop.
 */
public final class TrainingState {
  public double[] params;
  public OptimizerState optimizer;
  public int epoch;
  public int step;
  public double epochLossSum;
  public long epochCount;

  /**
   * Weight total of the epoch so far (= epochCount when unweighted; a checkpoint restores it as
   * epochCount).
   */
  public double epochWeight;

  public double epochSeconds;
  public final List<EpochMetrics> history = new ArrayList<>();

  /**
   * Best monitored value so far (NaN before the first epoch), its 1-based epoch, and epochs since.
   */
  public double bestValue = Double.NaN;

  public int bestEpoch;
  public int wait;

  /** Weights of the best epoch when early stopping restores them, else null. */
  public double[] bestParams;

  public boolean stopped;

  public TrainingState(double[] params, OptimizerState optimizer) {
    this.params = params;
    this.optimizer = optimizer;
  }

  /** True when no more epochs will run. */
  public boolean finished(int epochs) {
    return stopped || epoch >= epochs;
  }
}

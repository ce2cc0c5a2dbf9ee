package sparkmlp.spark.config;

import java.util.Objects;
import sparkmlp.core.optim.OptimizerKind;

/**
 * The update rule ({@code mlp.train.optimizer}). Settings an optimiser does not use are kept but
 * ignored (e.g. {@code beta1} under SGD).
 *
 * @param name which optimiser
 * @param learningRate base step size, &gt; 0
 * @param momentum momentum coefficient (momentum optimiser), in [0, 1)
 * @param nesterov Nesterov look-ahead (momentum optimiser)
 * @param beta1 Adam first-moment decay, in [0, 1)
 * @param beta2 Adam second-moment decay, in [0, 1)
 * @param epsilon Adam denominator guard, &gt; 0
 * @param weightDecay L2 penalty coefficient, &ge; 0
 */
public record OptimizerSettings(
    OptimizerKind name,
    double learningRate,
    double momentum,
    boolean nesterov,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay)
    implements OptimizerKind.Hyperparameters {

  /** Rejects a missing optimiser name. */
  public OptimizerSettings {
    Objects.requireNonNull(name, "name");
  }
}

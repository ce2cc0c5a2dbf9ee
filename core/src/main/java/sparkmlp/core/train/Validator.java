package sparkmlp.core.train;

import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.task.Task;

/**
 * Where a training loop gets each epoch's validation metrics from, apart from where its step
 * gradients come from ({@link GradientSource}).
 */
@FunctionalInterface
public interface Validator {
  /** No validation data: every epoch's validation metrics are missing. */
  Validator NONE = params -> null;

  /** Metrics of the validation data at these weights, or null when there is none. */
  Evaluation validate(double[] params);

  /**
   * Validation on one in-memory block, or {@link #NONE} when {@code validation} is null; {@code
   * classes} is ignored for regression.
   */
  static Validator of(Network net, Task task, int classes, DataBlock validation) {
    return validation == null
        ? NONE
        : params -> Evaluator.evaluate(net, task, classes, params, validation);
  }
}

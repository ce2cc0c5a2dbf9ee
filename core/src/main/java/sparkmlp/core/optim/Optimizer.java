package sparkmlp.core.optim;

/**
 * An update rule: stateless configuration; all that changes lives in the {@link OptimizerState} it
 * creates.
 */
public interface Optimizer extends java.io.Serializable {
  /** Fresh state for a parameter vector of the given length. */
  OptimizerState newState(int numParams);

  /** One update of params in place from the mean gradient, at learning rate lr. */
  void step(double[] params, double[] grad, OptimizerState state, double lr);

  /** Name as in configs: sgd, momentum, adam. */
  String id();

  /** Plain stochastic gradient descent: θ ← θ − lr·g. */
  static Optimizer sgd() {
    return new Sgd();
  }

  /** Momentum (Keras form): v ← μv − lr·g; θ ← θ + v, or with Nesterov θ ← θ + μv − lr·g. */
  static Optimizer momentum(double momentum, boolean nesterov) {
    return new Momentum(momentum, nesterov);
  }

  /** Adam (Kingma and Ba, Algorithm 1) with bias-corrected moments. */
  static Optimizer adam(double beta1, double beta2, double epsilon) {
    return new Adam(beta1, beta2, epsilon);
  }

  static void checkLengths(double[] params, double[] grad, OptimizerState state, int slots) {
    if (grad.length != params.length) {
      throw new IllegalArgumentException(
          "gradient has " + grad.length + " values, parameters " + params.length);
    }
    if (state.numSlots() != slots) {
      throw new IllegalArgumentException(
          "optimizer state has " + state.numSlots() + " slots, expected " + slots);
    }
    for (int i = 0; i < slots; i++) {
      if (state.slot(i).length != params.length) {
        throw new IllegalArgumentException(
            "optimizer state slot "
                + i
                + " has "
                + state.slot(i).length
                + " values, parameters "
                + params.length);
      }
    }
  }
}

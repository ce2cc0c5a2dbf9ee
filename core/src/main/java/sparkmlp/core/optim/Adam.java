package sparkmlp.core.optim;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr · m̂ /
 * (√v̂ + ε) with m̂ = m / (1−β₁ᵗ), v̂ = v / (1−β₂ᵗ).
 */
record Adam(double beta1, double beta2, double epsilon) implements Optimizer {
  Adam {
    if (!(beta1 >= 0 && beta1 < 1)) {
      throw new IllegalArgumentException("beta1 must be in [0, 1), found " + beta1);
    }
    if (!(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("beta2 must be in [0, 1), found " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, found " + epsilon);
    }
  }

  @Override
  public OptimizerState newState(int numParams) {
    return new OptimizerState(0, new double[][] {new double[numParams], new double[numParams]});
  }

  @Override
  public void step(double[] params, double[] grad, OptimizerState state, double lr) {
    Optimizer.checkLengths(params, grad, state, 2);
    state.advance();
    long t = state.steps();
    double c1 = 1.0 - Math.pow(beta1, t);
    double c2 = 1.0 - Math.pow(beta2, t);
    double[] m = state.slot(0);
    double[] v = state.slot(1);
    for (int i = 0; i < params.length; i++) {
      double g = grad[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g;
      v[i] = beta2 * v[i] + (1 - beta2) * g * g;
      params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
    }
  }

  @Override
  public String id() {
    return "adam";
  }
}

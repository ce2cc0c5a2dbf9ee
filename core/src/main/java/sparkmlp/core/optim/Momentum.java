package sparkmlp.core.optim;

/** Momentum in Keras's form: v ← μv − lr·g; θ ← θ + v (Nesterov: θ ← θ + μv − lr·g). */
record Momentum(double momentum, boolean nesterov) implements Optimizer {
  Momentum {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), found " + momentum);
    }
  }

  @Override
  public OptimizerState newState(int numParams) {
    return new OptimizerState(0, new double[][] {new double[numParams]});
  }

  @Override
  public void step(double[] params, double[] grad, OptimizerState state, double lr) {
    Optimizer.checkLengths(params, grad, state, 1);
    double[] v = state.slot(0);
    for (int i = 0; i < params.length; i++) {
      v[i] = momentum * v[i] - lr * grad[i];
      params[i] += nesterov ? momentum * v[i] - lr * grad[i] : v[i];
    }
    state.advance();
  }

  @Override
  public String id() {
    return "momentum";
  }
}

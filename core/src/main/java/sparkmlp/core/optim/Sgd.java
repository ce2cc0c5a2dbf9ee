package sparkmlp.core.optim;

/** θ ← θ − lr·g. */
record Sgd() implements Optimizer {
  @Override
  public OptimizerState newState(int numParams) {
    return new OptimizerState(0, new double[0][]);
  }

  @Override
  public void step(double[] params, double[] grad, OptimizerState state, double lr) {
    Optimizer.checkLengths(params, grad, state, 0);
    for (int i = 0; i < params.length; i++) {
      params[i] -= lr * grad[i];
    }
    state.advance();
  }

  @Override
  public String id() {
    return "sgd";
  }
}

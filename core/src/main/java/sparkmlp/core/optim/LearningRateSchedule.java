package sparkmlp.core.optim;

/** The learning rate for an epoch (0-based), from a base rate. */
public interface LearningRateSchedule {
  double rate(double base, int epoch);

  /** Keras-style description, for summaries. */
  String describe();

  static LearningRateSchedule constant() {
    return new LearningRateSchedule() {
      @Override
      public double rate(double base, int epoch) {
        return base;
      }

      @Override
      public String describe() {
        return "constant";
      }
    };
  }

  /** base · γ^⌊epoch / stepEpochs⌋. */
  static LearningRateSchedule stepDecay(int stepEpochs, double gamma) {
    if (stepEpochs < 1) {
      throw new IllegalArgumentException("step-epochs must be >= 1, found " + stepEpochs);
    }
    checkGamma(gamma);
    return new LearningRateSchedule() {
      @Override
      public double rate(double base, int epoch) {
        return base * Math.pow(gamma, epoch / stepEpochs);
      }

      @Override
      public String describe() {
        return "step(every " + stepEpochs + " epochs, gamma " + gamma + ")";
      }
    };
  }

  /** base · γ^epoch. */
  static LearningRateSchedule exponential(double gamma) {
    checkGamma(gamma);
    return new LearningRateSchedule() {
      @Override
      public double rate(double base, int epoch) {
        return base * Math.pow(gamma, epoch);
      }

      @Override
      public String describe() {
        return "exponential(gamma " + gamma + ")";
      }
    };
  }

  private static void checkGamma(double gamma) {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], found " + gamma);
    }
  }
}

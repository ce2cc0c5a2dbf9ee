package sparkmlp.core.optim;

import java.util.Locale;

/**
 * The learning rate of each optimiser step, from a base rate. Rates are stepped per batch: a rate
 * depends only on the 0-based global step index (batches done before this one, {@code epoch ·
 * stepsPerEpoch + step}) and the run's length, never on time or partitioning, so a run resumed from
 * a checkpoint at any step continues on the same rates.
 */
public interface LearningRateSchedule {

  /**
   * The shape of a run: steps in each epoch and planned epochs.
   *
   * @param stepsPerEpoch optimiser steps an epoch, at least 1
   * @param epochs planned epochs, at least 1
   */
  record RunLength(int stepsPerEpoch, int epochs) {
    public RunLength {
      if (stepsPerEpoch < 1 || epochs < 1) {
        throw new IllegalArgumentException(
            "a run needs at least one step and one epoch, found "
                + stepsPerEpoch
                + " steps an epoch and "
                + epochs
                + " epochs");
      }
    }

    /** Planned optimiser steps of the whole run. */
    public long totalSteps() {
      return (long) stepsPerEpoch * epochs;
    }

    /** The 0-based global index of {@code step} of {@code epoch} (both 0-based). */
    public long globalStep(int epoch, int step) {
      return (long) epoch * stepsPerEpoch + step;
    }
  }

  /** The rate of global step {@code step} (0-based) of a run of shape {@code run}. */
  double rate(double base, long step, RunLength run);

  /** A short description with the parameters, for logs and summaries. */
  String describe();

  /**
   * Rejects a run this schedule cannot span (e.g. a warm-up not shorter than the run) with a
   * message naming both; by default every run fits.
   */
  default void check(RunLength run) {}

  /** The base rate throughout. */
  static LearningRateSchedule constant() {
    return new LearningRateSchedule() {
      @Override
      public double rate(double base, long step, RunLength run) {
        return base;
      }

      @Override
      public String describe() {
        return "constant";
      }
    };
  }

  /** base · γ^⌊epoch / stepEpochs⌋, constant within an epoch. */
  static LearningRateSchedule stepDecay(int stepEpochs, double gamma) {
    if (stepEpochs < 1) {
      throw new IllegalArgumentException("step-epochs must be >= 1, found " + stepEpochs);
    }
    checkGamma(gamma);
    return new LearningRateSchedule() {
      @Override
      public double rate(double base, long step, RunLength run) {
        return base * Math.pow(gamma, step / run.stepsPerEpoch() / stepEpochs);
      }

      @Override
      public String describe() {
        return "step(every " + stepEpochs + " epochs, gamma " + gamma + ")";
      }
    };
  }

  /** base · γ^epoch, constant within an epoch. */
  static LearningRateSchedule exponential(double gamma) {
    checkGamma(gamma);
    return new LearningRateSchedule() {
      @Override
      public double rate(double base, long step, RunLength run) {
        return base * Math.pow(gamma, step / run.stepsPerEpoch());
      }

      @Override
      public String describe() {
        return "exponential(gamma " + gamma + ")";
      }
    };
  }

  /**
   * Linear warm-up over the first {@code warmupSteps} steps, then cosine annealing from base to
   * {@code minFraction · base} at the run's last step (Loshchilov and Hutter, SGDR, without
   * restarts): for W ≤ s, rate = min + (base − min) · (1 + cos(π · (s − W) / (T − W))) / 2 with T
   * the run's total steps; beyond T it stays at min.
   */
  static LearningRateSchedule cosine(int warmupSteps, double minFraction) {
    checkWarmup(warmupSteps);
    if (!(minFraction >= 0 && minFraction <= 1)) {
      throw new IllegalArgumentException("min-fraction must be in [0, 1], found " + minFraction);
    }
    LearningRateSchedule decay =
        new LearningRateSchedule() {
          @Override
          public double rate(double base, long step, RunLength run) {
            double min = minFraction * base;
            double progress =
                Math.min(1.0, (double) (step - warmupSteps) / (run.totalSteps() - warmupSteps));
            return min + (base - min) * (1 + Math.cos(Math.PI * progress)) / 2;
          }

          @Override
          public String describe() {
            return "cosine(min-fraction " + minFraction + ")";
          }
        };
    return withWarmup(decay, warmupSteps);
  }

  /**
   * The 1cycle policy (Smith and Topin, 2018) exactly as PyTorch's {@code OneCycleLR} with {@code
   * anneal_strategy='cos'}, {@code three_phase=False}: with initial = base / divFactor and min =
   * initial / finalDivFactor, cosine annealing from initial up to base over steps 0 … pctStart·T −
   * 1, then from base down to min at step T − 1 (T = total steps); the base rate is the peak.
   */
  static LearningRateSchedule oneCycle(double pctStart, double divFactor, double finalDivFactor) {
    if (!(pctStart > 0 && pctStart < 1)) {
      throw new IllegalArgumentException("pct-start must be in (0, 1), found " + pctStart);
    }
    if (!(divFactor >= 1) || Double.isInfinite(divFactor)) {
      throw new IllegalArgumentException(
          "div-factor must be a finite number >= 1, found " + divFactor);
    }
    if (!(finalDivFactor >= 1) || Double.isInfinite(finalDivFactor)) {
      throw new IllegalArgumentException(
          "final-div-factor must be a finite number >= 1, found " + finalDivFactor);
    }
    return new LearningRateSchedule() {
      @Override
      public double rate(double base, long step, RunLength run) {
        double initial = base / divFactor;
        double min = initial / finalDivFactor;
        // PyTorch's phase ends: float(pct_start * total_steps) - 1 and total_steps - 1.
        double peakStep = pctStart * run.totalSteps() - 1;
        double lastStep = run.totalSteps() - 1;
        if (step <= peakStep) {
          return annealCos(initial, base, step / peakStep);
        }
        return annealCos(base, min, Math.min(1.0, (step - peakStep) / (lastStep - peakStep)));
      }

      @Override
      public void check(RunLength run) {
        if (!(pctStart * run.totalSteps() - 1 > 0)) {
          throw new IllegalArgumentException(
              "one-cycle needs a warm-up phase of more than one step: pct-start "
                  + pctStart
                  + " of the run's "
                  + run.totalSteps()
                  + " steps is "
                  + String.format(Locale.ROOT, "%.3g", pctStart * run.totalSteps()));
        }
      }

      @Override
      public String describe() {
        return "one-cycle(pct-start "
            + pctStart
            + ", div-factor "
            + divFactor
            + ", final-div-factor "
            + finalDivFactor
            + ")";
      }
    };
  }

  /**
   * {@code inner} after a linear warm-up: step s &lt; W runs at base · (s + 1) / W (from base/W up
   * to base at step W − 1, so no step is wasted at rate 0), then {@code inner}'s own rate of step
   * s.
   */
  static LearningRateSchedule withWarmup(LearningRateSchedule inner, int warmupSteps) {
    checkWarmup(warmupSteps);
    if (warmupSteps == 0) {
      return inner;
    }
    return new LearningRateSchedule() {
      @Override
      public double rate(double base, long step, RunLength run) {
        return step < warmupSteps ? base * (step + 1) / warmupSteps : inner.rate(base, step, run);
      }

      @Override
      public void check(RunLength run) {
        if (warmupSteps >= run.totalSteps()) {
          throw new IllegalArgumentException(
              "warmup-steps must be fewer than the run's "
                  + run.totalSteps()
                  + " steps ("
                  + run.epochs()
                  + " epochs of "
                  + run.stepsPerEpoch()
                  + "), found "
                  + warmupSteps);
        }
        inner.check(run);
      }

      @Override
      public String describe() {
        return "warmup(" + warmupSteps + " steps) then " + inner.describe();
      }
    };
  }

  /** Cosine annealing from start to end as pct goes 0 → 1 (PyTorch's {@code _annealing_cos}). */
  private static double annealCos(double start, double end, double pct) {
    return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
  }

  private static void checkWarmup(int warmupSteps) {
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warmup-steps must be >= 0, found " + warmupSteps);
    }
  }

  private static void checkGamma(double gamma) {
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], found " + gamma);
    }
  }
}

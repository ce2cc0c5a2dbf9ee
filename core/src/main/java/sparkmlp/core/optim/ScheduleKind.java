package sparkmlp.core.optim;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The learning-rate schedules by name, as written in configs ({@code constant}, {@code step},
 * {@code exponential}, {@code cosine}, {@code one-cycle}): each builds its {@link
 * LearningRateSchedule} from the parameters it uses. A linear warm-up of {@code warmupSteps} goes
 * in front of any of them but one-cycle, which has its own warm-up phase.
 */
public enum ScheduleKind {
  CONSTANT {
    @Override
    LearningRateSchedule decay(Parameters p) {
      return LearningRateSchedule.constant();
    }
  },
  STEP {
    @Override
    LearningRateSchedule decay(Parameters p) {
      return LearningRateSchedule.stepDecay(p.stepEpochs(), p.gamma());
    }
  },
  EXPONENTIAL {
    @Override
    LearningRateSchedule decay(Parameters p) {
      return LearningRateSchedule.exponential(p.gamma());
    }
  },
  COSINE {
    @Override
    LearningRateSchedule decay(Parameters p) {
      return LearningRateSchedule.cosine(p.warmupSteps(), p.minFraction());
    }

    @Override
    public LearningRateSchedule create(Parameters p) {
      return decay(p); // the warm-up is part of the cosine (its decay starts after it)
    }
  },
  ONE_CYCLE {
    @Override
    LearningRateSchedule decay(Parameters p) {
      return LearningRateSchedule.oneCycle(p.pctStart(), p.divFactor(), p.finalDivFactor());
    }

    @Override
    public LearningRateSchedule create(Parameters p) {
      if (p.warmupSteps() != 0) {
        throw new IllegalArgumentException(
            "warmup-steps must be 0 with one-cycle, which warms up over pct-start of the run;"
                + " found "
                + p.warmupSteps());
      }
      return decay(p);
    }
  };

  /** Every parameter some schedule reads; a config record implements it. */
  public interface Parameters {
    /** Epochs between decays of the step schedule. */
    int stepEpochs();

    /** Decay factor of the step and exponential schedules. */
    double gamma();

    /** Steps of linear warm-up in front of the schedule (not one-cycle), 0 = none. */
    int warmupSteps();

    /** Cosine: the final rate as a fraction of the base rate. */
    double minFraction();

    /** One-cycle: fraction of the run spent rising to the base (peak) rate. */
    double pctStart();

    /** One-cycle: the starting rate is base / divFactor. */
    double divFactor();

    /** One-cycle: the final rate is the starting rate / finalDivFactor. */
    double finalDivFactor();
  }

  /** The schedule without the warm-up. */
  abstract LearningRateSchedule decay(Parameters p);

  /** The schedule this kind names, configured from {@code p}, after its warm-up if any. */
  public LearningRateSchedule create(Parameters p) {
    return LearningRateSchedule.withWarmup(decay(p), p.warmupSteps());
  }

  /** The name used in configs: the constant's name in lower case, words joined by '-'. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Every id, in declaration order, e.g. for messages and Spark ML param validators. */
  public static String[] ids() {
    return Stream.of(values()).map(ScheduleKind::id).toArray(String[]::new);
  }

  /** The kind named {@code id} (any case). */
  public static ScheduleKind fromId(String id) {
    for (ScheduleKind k : values()) {
      if (k.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown schedule '"
            + id
            + "'; expected one of "
            + Stream.of(values()).map(ScheduleKind::id).collect(Collectors.joining(", ")));
  }
}

package sparkmlp.core.optim;

import java.util.Locale;

/**
 * The learning-rate schedules by name, as written in configs ({@code constant}, {@code step},
 * {@code exponential}): each builds its {@link LearningRateSchedule} from the parameters it uses.
 */
public enum ScheduleKind {
  CONSTANT {
    @Override
    public LearningRateSchedule create(Parameters p) {
      return LearningRateSchedule.constant();
    }
  },
  STEP {
    @Override
    public LearningRateSchedule create(Parameters p) {
      return LearningRateSchedule.stepDecay(p.stepEpochs(), p.gamma());
    }
  },
  EXPONENTIAL {
    @Override
    public LearningRateSchedule create(Parameters p) {
      return LearningRateSchedule.exponential(p.gamma());
    }
  };

  /** Every parameter some schedule reads; a config record implements it. */
  public interface Parameters {
    /** Epochs between decays of the step schedule. */
    int stepEpochs();

    /** Decay factor of the step and exponential schedules. */
    double gamma();
  }

  /** The schedule this kind names, configured from {@code p}. */
  public abstract LearningRateSchedule create(Parameters p);

  /** The name used in configs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code id} (any case). */
  public static ScheduleKind fromId(String id) {
    for (ScheduleKind k : values()) {
      if (k.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown schedule '" + id + "'; expected constant, step or exponential");
  }
}

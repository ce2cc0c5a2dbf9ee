package sparkmlp.spark.config;

import java.util.Objects;

/**
 * The learning-rate schedule ({@code mlp.train.schedule}).
 *
 * @param type constant, step (multiply by {@code gamma} every {@code stepEpochs}) or exponential
 *     (multiply by {@code gamma} every epoch)
 * @param stepEpochs epochs between decays of the step schedule, at least 1
 * @param gamma decay factor, in (0, 1]
 */
public record ScheduleSettings(Type type, int stepEpochs, double gamma) {

  /** Rejects a missing schedule type. */
  public ScheduleSettings {
    Objects.requireNonNull(type, "type");
  }

  /** The schedule's shape. */
  public enum Type implements ConfigEnum {
    CONSTANT("constant"),
    STEP("step"),
    EXPONENTIAL("exponential");

    private final String configName;

    Type(String configName) {
      this.configName = configName;
    }

    @Override
    public String configName() {
      return configName;
    }
  }
}

package sparkmlp.spark.config;

import java.util.Objects;
import sparkmlp.core.optim.ScheduleKind;

/**
 * The learning-rate schedule ({@code mlp.train.schedule}).
 *
 * @param type constant, step (multiply by {@code gamma} every {@code stepEpochs}) or exponential
 *     (multiply by {@code gamma} every epoch)
 * @param stepEpochs epochs between decays of the step schedule, at least 1
 * @param gamma decay factor, in (0, 1]
 */
public record ScheduleSettings(ScheduleKind type, int stepEpochs, double gamma)
    implements ScheduleKind.Parameters {

  /** Rejects a missing schedule type. */
  public ScheduleSettings {
    Objects.requireNonNull(type, "type");
  }
}

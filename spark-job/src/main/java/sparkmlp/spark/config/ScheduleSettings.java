package sparkmlp.spark.config;

import java.util.Objects;
import sparkmlp.core.optim.ScheduleKind;

/**
 * The learning-rate schedule ({@code mlp.train.schedule}), stepped per batch.
 *
 * @param type constant, step (multiply by {@code gamma} every {@code stepEpochs}), exponential
 *     (multiply by {@code gamma} every epoch), cosine (anneal to {@code minFraction} of the base
 *     rate) or one-cycle (PyTorch's OneCycleLR: rise to the base rate, then anneal)
 * @param stepEpochs epochs between decays of the step schedule, at least 1
 * @param gamma decay factor, in (0, 1]
 * @param warmupSteps steps of linear warm-up in front of the schedule, at least 0; 0 with one-cycle
 * @param minFraction cosine: the final rate as a fraction of the base rate, in [0, 1]
 * @param pctStart one-cycle: fraction of the steps spent rising to the base rate, in (0, 1)
 * @param divFactor one-cycle: the first rate is the base rate / divFactor, at least 1
 * @param finalDivFactor one-cycle: the last rate is the first rate / finalDivFactor, at least 1
 */
public record ScheduleSettings(
    ScheduleKind type,
    int stepEpochs,
    double gamma,
    int warmupSteps,
    double minFraction,
    double pctStart,
    double divFactor,
    double finalDivFactor)
    implements ScheduleKind.Parameters {

  /** Rejects a missing schedule type. */
  public ScheduleSettings {
    Objects.requireNonNull(type, "type");
  }
}

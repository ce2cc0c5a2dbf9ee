package sparkmlp.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The learning-rate schedule params, one per key of {@code mlp.train.schedule} in {@code
 * reference.conf} (its comments say what each means); the schedule is stepped per batch.
 *
 * @param <S> the stage type setters return, for chaining
 */
public interface ScheduleParams<S> extends Params {

  /** The stage's own {@code Param} objects. */
  MlpParamSet mlpParamSet();

  /** This stage, typed for chaining. */
  S self();

  default Param<String> schedule() {
    return mlpParamSet().schedule;
  }

  default IntParam scheduleStepEpochs() {
    return mlpParamSet().scheduleStepEpochs;
  }

  default DoubleParam scheduleGamma() {
    return mlpParamSet().scheduleGamma;
  }

  default IntParam scheduleWarmupSteps() {
    return mlpParamSet().scheduleWarmupSteps;
  }

  default DoubleParam scheduleMinFraction() {
    return mlpParamSet().scheduleMinFraction;
  }

  default DoubleParam schedulePctStart() {
    return mlpParamSet().schedulePctStart;
  }

  default DoubleParam scheduleDivFactor() {
    return mlpParamSet().scheduleDivFactor;
  }

  default DoubleParam scheduleFinalDivFactor() {
    return mlpParamSet().scheduleFinalDivFactor;
  }

  default String getSchedule() {
    return getOrDefault(schedule());
  }

  default int getScheduleStepEpochs() {
    return (Integer) getOrDefault(scheduleStepEpochs());
  }

  default double getScheduleGamma() {
    return (Double) getOrDefault(scheduleGamma());
  }

  default int getScheduleWarmupSteps() {
    return (Integer) getOrDefault(scheduleWarmupSteps());
  }

  default double getScheduleMinFraction() {
    return (Double) getOrDefault(scheduleMinFraction());
  }

  default double getSchedulePctStart() {
    return (Double) getOrDefault(schedulePctStart());
  }

  default double getScheduleDivFactor() {
    return (Double) getOrDefault(scheduleDivFactor());
  }

  default double getScheduleFinalDivFactor() {
    return (Double) getOrDefault(scheduleFinalDivFactor());
  }

  default S setSchedule(String v) {
    set(schedule(), ParamChecks.oneOf("schedule", v, MlpParamSet.SCHEDULES));
    return self();
  }

  default S setScheduleStepEpochs(int v) {
    set(scheduleStepEpochs(), ParamChecks.atLeast("scheduleStepEpochs", v, 1));
    return self();
  }

  default S setScheduleGamma(double v) {
    set(scheduleGamma(), ParamChecks.in("scheduleGamma", v, 0, false, 1, true));
    return self();
  }

  /** Linear warm-up steps in front of the schedule; must stay 0 with one-cycle. */
  default S setScheduleWarmupSteps(int v) {
    set(scheduleWarmupSteps(), ParamChecks.atLeast("scheduleWarmupSteps", v, 0));
    return self();
  }

  default S setScheduleMinFraction(double v) {
    set(scheduleMinFraction(), ParamChecks.in("scheduleMinFraction", v, 0, true, 1, true));
    return self();
  }

  default S setSchedulePctStart(double v) {
    set(schedulePctStart(), ParamChecks.in("schedulePctStart", v, 0, false, 1, false));
    return self();
  }

  default S setScheduleDivFactor(double v) {
    set(scheduleDivFactor(), ParamChecks.atLeast("scheduleDivFactor", v, 1.0));
    return self();
  }

  default S setScheduleFinalDivFactor(double v) {
    set(scheduleFinalDivFactor(), ParamChecks.atLeast("scheduleFinalDivFactor", v, 1.0));
    return self();
  }
}

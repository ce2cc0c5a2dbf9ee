package sparkmlp.spark.run;

import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.layer.Network;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.spark.config.TrainSettings;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.DriverEngine;
import sparkmlp.spark.engine.StepEngine;
import sparkmlp.spark.engine.StepSpec;
import sparkmlp.spark.engine.barrier.BarrierEngine;
import sparkmlp.spark.engine.jobs.JobsEngine;
import sparkmlp.spark.engine.jobs.ReductionPlan;

/**
 * Which {@link StepEngine} runs a run's steps, chosen once: the one {@code mlp.train.engine} names
 * ({@code jobs}: one Spark job a step, reduced as a {@link ReductionPlan} says; {@code barrier}:
 * one barrier stage an epoch whose resident tasks exchange weights and sums with the driver, the
 * same weights bit for bit) — unless, on a local master with a training set of at most {@link
 * DriverEngine#MAX_CACHED_BYTES} cached and {@code mlp.train.single-process=auto}, the driver
 * computes the same batches itself ({@link DriverEngine}, weights equal to 1e-9). Each computes in
 * {@code mlp.train.precision}. Recorded in {@code summary.json} under {@code execution}.
 */
public final class StepExecution {
  private StepExecution() {}

  /** Chooses and starts the engine for the steps of a run with these settings on this data. */
  public static StepEngine choose(
      JavaSparkContext jsc,
      TrainSettings settings,
      Network net,
      PreparedData data,
      TrainingConfig tc,
      int stepsPerEpoch) {
    String master = jsc.sc().master();
    boolean local = master.startsWith("local");
    StepSpec spec = StepSpec.of(net, data, tc, stepsPerEpoch, settings.precision());
    if (settings.singleProcess() == TrainSettings.SingleProcess.AUTO
        && local
        && data.cachedBytes() <= DriverEngine.MAX_CACHED_BYTES) {
      return new DriverEngine(
          spec,
          tc,
          "single-process=auto, master "
              + master
              + ", "
              + ReductionPlan.mib(data.cachedBytes())
              + " cached <= "
              + ReductionPlan.mib(DriverEngine.MAX_CACHED_BYTES));
    }
    return switch (settings.engine()) {
      case BARRIER -> {
        BarrierEngine.checkRunnable(jsc, settings.reduction(), data.partitions());
        yield new BarrierEngine(jsc, spec, settings.barrier());
      }
      case JOBS ->
          new JobsEngine(
              jsc,
              spec,
              ReductionPlan.choose(
                  settings.reduction(),
                  data.partitions(),
                  net.numParams(),
                  jsc.defaultParallelism(),
                  jsc.sc().conf().getSizeAsBytes("spark.driver.maxResultSize", "1g"),
                  local));
    };
  }
}

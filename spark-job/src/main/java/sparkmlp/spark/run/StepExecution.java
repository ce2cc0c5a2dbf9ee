package sparkmlp.spark.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.layer.Network;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.UpdateRule;
import sparkmlp.spark.config.TrainSettings;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.DriverEngine;
import sparkmlp.spark.engine.StepEngine;
import sparkmlp.spark.engine.StepSpec;
import sparkmlp.spark.engine.barrier.BarrierEngine;
import sparkmlp.spark.engine.jobs.JobsEngine;
import sparkmlp.spark.engine.jobs.ReductionPlan;
import sparkmlp.spark.engine.link.ResidentStage;
import sparkmlp.spark.engine.peer.PeerEngine;

/**
 * Which {@link StepEngine} runs a run's steps, chosen once: the one {@code mlp.train.engine} names
 * ({@code jobs}: one Spark job a step, reduced as a {@link ReductionPlan} says; {@code barrier}:
 * one barrier stage for the run whose resident tasks exchange weights and sums with the driver and
 * validate, the same weights and metrics bit for bit; {@code peer}: one barrier stage an epoch
 * whose tasks reduce-scatter their sums, update their own slices of the weights and all-gather
 * them, the same weights bit for bit again) — unless, on a local master with a training set of at
 * most {@link DriverEngine#MAX_CACHED_BYTES} cached and {@code mlp.train.single-process=auto}, the
 * driver computes the same batches itself ({@link DriverEngine}, weights equal to 1e-9). Each
 * computes in {@code mlp.train.precision}. Recorded in {@code summary.json} under {@code
 * execution}.
 */
public final class StepExecution {
  private StepExecution() {}

  /**
   * The engine that runs the steps, and why when {@code mlp.train.engine = auto} chose it (null
   * when the config named it).
   */
  public record Chosen(StepEngine engine, String why) {
    /** The engine's {@code summary.json} fields, with {@code choice} when auto chose it. */
    public ObjectNode toJson() {
      ObjectNode json = engine.toJson();
      if (why != null) {
        json.put("choice", why);
      }
      return json;
    }
  }

  /** Chooses and starts the engine for the steps of a run with these settings on this data. */
  public static Chosen choose(
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
      return new Chosen(
          new DriverEngine(
              spec,
              tc,
              "single-process=auto, master "
                  + master
                  + ", "
                  + ReductionPlan.mib(data.cachedBytes())
                  + " cached <= "
                  + ReductionPlan.mib(DriverEngine.MAX_CACHED_BYTES)),
          null);
    }
    TrainSettings.Engine engine = settings.engine();
    String why = null;
    if (engine == TrainSettings.Engine.AUTO) {
      why = whyNotPeer(jsc, settings, data.partitions());
      engine = why == null ? TrainSettings.Engine.PEER : TrainSettings.Engine.JOBS;
      if (why == null) {
        why =
            "engine=auto: peer (static allocation, "
                + data.partitions()
                + " partitions <= "
                + ResidentStage.slots(jsc)
                + " task slots)";
      }
    }
    return new Chosen(start(engine, jsc, settings, spec, tc), why);
  }

  /**
   * Why {@code engine = auto} runs one job a step instead of the peer engine, or null when the peer
   * engine can run.
   */
  private static String whyNotPeer(JavaSparkContext jsc, TrainSettings settings, int partitions) {
    if (jsc.getConf().getBoolean("spark.dynamicAllocation.enabled", false)) {
      return "engine=auto: jobs, since spark.dynamicAllocation.enabled = true (the peer engine"
          + " needs its executors for a whole epoch)";
    }
    if (settings.reduction() == TrainSettings.Reduction.SHARDED) {
      return "engine=auto: jobs, since mlp.train.reduction = sharded asks for the jobs engine's"
          + " sharded reduction";
    }
    int slots = ResidentStage.slots(jsc);
    if (slots < partitions) {
      return "engine=auto: jobs, since the peer engine's "
          + partitions
          + " tasks must run at once and Spark has "
          + slots
          + " task slots";
    }
    return null;
  }

  private static StepEngine start(
      TrainSettings.Engine engine,
      JavaSparkContext jsc,
      TrainSettings settings,
      StepSpec spec,
      TrainingConfig tc) {
    PreparedData data = spec.data();
    Network net = spec.net();
    boolean local = jsc.sc().master().startsWith("local");
    return switch (engine) {
      case BARRIER -> {
        BarrierEngine.checkRunnable(jsc, settings.reduction(), data.partitions());
        yield new BarrierEngine(jsc, spec, settings.barrier());
      }
      case PEER -> {
        PeerEngine.checkRunnable(jsc, data.partitions());
        yield new PeerEngine(
            jsc, spec, new UpdateRule(net, tc), settings.barrier(), settings.peer());
      }
      case JOBS, AUTO ->
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

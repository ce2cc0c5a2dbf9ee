package sparkmlp.spark.config;

import java.util.Locale;
import sparkmlp.core.data.Precision;

/**
 * How to train ({@code mlp.train}).
 *
 * @param epochs passes over the training set, at least 1
 * @param batchSize examples per mini-batch (over the whole cluster), at least 1
 * @param seed seed of every random stream (initial weights, shuffling, splits)
 * @param optimizer the update rule
 * @param schedule the learning-rate schedule
 * @param earlyStopping when to stop before {@code epochs}
 * @param checkpoint when and where to save resumable checkpoints
 * @param reduction how each step's partition gradients are added up
 * @param singleProcess whether a small training set on a local master trains in the driver
 * @param engine how Spark runs the steps: a job each, or resident barrier tasks an epoch
 * @param precision the arithmetic of each step's gradient; {@code float} also caches the training
 *     blocks as floats (mixed precision: double master weights and optimiser state)
 * @param barrier the deadlines of {@code engine = barrier} and {@code peer}
 * @param peer the ports and copies of {@code engine = peer}
 */
public record TrainSettings(
    int epochs,
    int batchSize,
    long seed,
    OptimizerSettings optimizer,
    ScheduleSettings schedule,
    EarlyStoppingSettings earlyStopping,
    CheckpointSettings checkpoint,
    Reduction reduction,
    SingleProcess singleProcess,
    Engine engine,
    Precision precision,
    BarrierSettings barrier,
    PeerSettings peer) {

  /** How a step's per-partition gradient sums are added up ({@code mlp.train.reduction}). */
  public enum Reduction {
    /** Direct while partitions x parameters is small, sharded above ({@code ReductionPlan}). */
    AUTO,
    /** Every partition's full sum goes to the driver, which adds them in partition order. */
    DIRECT,
    /** Reduce-scatter on the executors through one shuffle; the driver receives one gradient. */
    SHARDED;

    /** The name used in configs. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Whether to train in the driver when Spark would only add overhead ({@code
   * mlp.train.single-process}).
   */
  public enum SingleProcess {
    /** On a local master with a training set small enough for the driver. */
    AUTO,
    /** Always one Spark job per step. */
    NEVER;

    /** The name used in configs. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How Spark runs the steps ({@code mlp.train.engine}). */
  public enum Engine {
    /**
     * {@link #PEER} where Spark can run it (static allocation, partitions at most the task slots,
     * the direct or automatic reduction), else {@link #JOBS}; the reason in {@code summary.json}.
     */
    AUTO,
    /** One Spark job a step: weights broadcast, task results back through Spark. */
    JOBS,
    /**
     * One barrier stage for the run whose tasks stay for its steps and exchange weights and
     * partition sums with the driver over a socket, and evaluate the validation blocks at each
     * epoch's end.
     */
    BARRIER,
    /**
     * One barrier stage an epoch whose tasks exchange gradient slices with each other
     * (reduce-scatter, in partition order), each update its own slice of the weights and of the
     * optimiser's state, and gather the weights (all-gather); the driver sends one small command a
     * step and receives the step's loss and counts.
     */
    PEER;

    /** The name used in configs. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

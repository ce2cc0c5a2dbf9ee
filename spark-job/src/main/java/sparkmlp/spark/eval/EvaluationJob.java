package sparkmlp.spark.eval;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.Validator;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.jobs.BroadcastWeights;

/**
 * Loss and metrics of one network's predictions on cached evaluation blocks, one Spark job an
 * evaluation: every block is accumulated as {@link BlockMetrics} says, the driver merges the
 * blocks' accumulators in their order.
 */
public final class EvaluationJob {
  private final JavaSparkContext jsc;
  private final BlockMetrics metrics;

  /** Evaluates {@code net} for {@code task}; {@code classes} is ignored for regression. */
  public EvaluationJob(JavaSparkContext jsc, Network net, Task task, int classes) {
    this.jsc = jsc;
    this.metrics = new BlockMetrics(net, task, classes);
  }

  /** Evaluates a trained model's network, task and classes. */
  public static EvaluationJob of(JavaSparkContext jsc, Model m) {
    return new EvaluationJob(
        jsc, m.network(), m.task(), m.task().isClassification() ? m.labelNames().size() : 0);
  }

  /**
   * Loss and metrics of {@code blocks} at {@code params} (broadcast for the job, then destroyed).
   */
  public Evaluation evaluate(JavaRDD<DataBlock> blocks, double[] params) {
    Broadcast<BroadcastWeights<DoubleVec>> weights =
        jsc.broadcast(BroadcastWeights.of(params.clone()));
    BlockMetrics metrics = this.metrics;
    List<MetricsAccumulator> parts =
        blocks.map(block -> metrics.of(weights.value().weights().values(), block)).collect();
    // Destroyed only after a job that succeeded. A failed one (bad input) ends the command, which
    // stops Spark at once: a destroy then would leave its removal requests to the executors
    // waiting for replies that Spark's stopped pool rejects, printing that stack on stderr after
    // the command's one-line error (FailuresOnClusterTest, evaluate with an unseen label). Spark's
    // ContextCleaner removes the unreachable broadcast where the session lives on.
    weights.destroy();
    return metrics.merged(parts);
  }

  /** What each block's evaluation computes, for engines that evaluate in their own tasks. */
  public BlockMetrics blockMetrics() {
    return metrics;
  }

  /**
   * Each epoch's validation for the training loop: the prepared validation blocks of {@code data}
   * (one Spark job an epoch), or {@link Validator#NONE} when it has none.
   */
  public Validator validator(PreparedData data) {
    JavaRDD<DataBlock> blocks = data.validation();
    if (blocks == null) {
      return Validator.NONE;
    }
    return params -> {
      jsc.setJobDescription("validation");
      return evaluate(blocks, params);
    };
  }
}

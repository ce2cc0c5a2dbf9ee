package sparkmlp.spark.eval;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.Validator;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.jobs.BroadcastWeights;

/**
 * Loss and metrics of one network's predictions on cached evaluation blocks, one Spark job an
 * evaluation: every partition accumulates its blocks with core's {@link Evaluator}, the driver
 * merges the partitions' accumulators.
 */
public final class EvaluationJob {
  private final JavaSparkContext jsc;
  private final Network net;
  private final Task task;
  private final int classes;

  /** Evaluates {@code net} for {@code task}; {@code classes} is ignored for regression. */
  public EvaluationJob(JavaSparkContext jsc, Network net, Task task, int classes) {
    this.jsc = jsc;
    this.net = net;
    this.task = task;
    this.classes = classes;
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
    Network net = this.net;
    Task task = this.task;
    int classes = this.classes;
    int outputs = net.outputSize();
    List<MetricsAccumulator> parts =
        blocks
            .map(
                block ->
                    Evaluator.accumulate(
                        net,
                        weights.value().weights().values(),
                        block,
                        net.newWorkspace(Math.max(1, Math.min(512, block.size()))),
                        new MetricsAccumulator(task, outputs, classes)))
            .collect();
    // Destroyed only after a job that succeeded. A failed one (bad input) ends the command, which
    // stops Spark at once: a destroy then would leave its removal requests to the executors
    // waiting for replies that Spark's stopped pool rejects, printing that stack on stderr after
    // the command's one-line error (FailuresOnClusterTest, evaluate with an unseen label). Spark's
    // ContextCleaner removes the unreachable broadcast where the session lives on.
    weights.destroy();
    MetricsAccumulator acc = new MetricsAccumulator(task, outputs, classes);
    parts.forEach(acc::merge);
    return acc.result();
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

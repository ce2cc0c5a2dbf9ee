package sparkmlp.spark.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import sparkmlp.core.layer.Network;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.GradientSource;
import sparkmlp.core.train.GradientSum;

/**
 * One Spark job per step: broadcast the weights, let every partition sum the gradient of its share
 * of the global batch ({@link StepTask}), take the sums in partition order and add them up on the
 * driver. The previous step's broadcast is destroyed first, so nothing grows with the number of
 * steps.
 */
public final class DistributedGradientSource implements GradientSource {
  private final JavaSparkContext jsc;
  private final Network net;
  private final Task task;
  private final int classes;
  private final PreparedData data;
  private final int batchSize;
  private final long seed;
  private final int stepsPerEpoch;
  private final GradientSum total;
  private static final ClassTag<GradientSum> SUM = ClassTag$.MODULE$.apply(GradientSum.class);

  private Broadcast<BroadcastWeights> current;
  private long jobs;

  public DistributedGradientSource(
      JavaSparkContext jsc,
      Network net,
      Task task,
      int classes,
      PreparedData data,
      int batchSize,
      long seed,
      int stepsPerEpoch) {
    this.jsc = jsc;
    this.net = net;
    this.task = task;
    this.classes = classes;
    this.data = data;
    this.batchSize = batchSize;
    this.seed = seed;
    this.stepsPerEpoch = stepsPerEpoch;
    this.total = GradientSum.zero(net.numParams());
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    Broadcast<BroadcastWeights> weights = rebroadcast(params);
    jsc.setJobDescription("epoch " + (epoch + 1) + " step " + (step + 1) + "/" + stepsPerEpoch);
    StepTask task = new StepTask(net, weights, data.numTrain(), batchSize, seed, epoch, step);
    GradientSum[] parts = (GradientSum[]) jsc.sc().runJob(data.train().rdd(), task, SUM);
    jobs++;
    total.reset();
    for (GradientSum p : parts) {
      total.merge(p);
    }
    return total;
  }

  @Override
  public Evaluation validate(double[] params) {
    if (data.validation() == null) {
      return null;
    }
    jsc.setJobDescription("validation");
    return evaluate(jsc, net, task, classes, data.validation(), params);
  }

  /**
   * Loss and metrics of cached evaluation blocks at the given weights (broadcast for the job, then
   * destroyed).
   */
  public static Evaluation evaluate(
      JavaSparkContext jsc,
      Network net,
      Task task,
      int classes,
      JavaRDD<sparkmlp.core.data.DataBlock> blocks,
      double[] params) {
    Broadcast<BroadcastWeights> weights = jsc.broadcast(new BroadcastWeights(params.clone()));
    try {
      int outputs = net.outputSize();
      List<MetricsAccumulator> parts =
          blocks
              .map(
                  block ->
                      Evaluator.accumulate(
                          net,
                          weights.value().values(),
                          block,
                          net.newWorkspace(Math.max(1, Math.min(512, block.size()))),
                          new MetricsAccumulator(task, outputs, classes)))
              .collect();
      MetricsAccumulator acc = new MetricsAccumulator(task, outputs, classes);
      parts.forEach(acc::merge);
      return acc.result();
    } finally {
      weights.destroy();
    }
  }

  /** Spark jobs run for steps so far. */
  public long jobs() {
    return jobs;
  }

  /** Destroys the last broadcast. */
  public void close() {
    if (current != null) {
      current.destroy();
      current = null;
    }
  }

  private Broadcast<BroadcastWeights> rebroadcast(double[] params) {
    close();
    current = jsc.broadcast(new BroadcastWeights(params.clone()));
    return current;
  }
}

package sparkmlp.core.train;

import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.task.Task;

/**
 * Step gradients from one in-memory block holding all n training examples (ranks 0..n−1), with each
 * epoch's batch plan built once: the single-process side of the equality with the Spark job.
 */
public final class LocalGradientSource implements GradientSource {
  private final Network net;
  private final Task task;
  private final int classes;
  private final TrainingConfig config;
  private final DataBlock train;
  private final DataBlock validation;
  private final Workspace ws;
  private final GradientSum sum;

  /** Float compute only: the float copy of the weights, the float partial sum. */
  private final float[] floatParams;

  private final FloatGradientSum floatSum;

  private BatchPlan plan;
  private int planEpoch = -1;

  /** {@code validation} may be null; {@code classes} is ignored for regression. */
  public LocalGradientSource(
      Network net,
      Task task,
      int classes,
      TrainingConfig config,
      DataBlock train,
      DataBlock validation) {
    this(net, task, classes, config, train, validation, Precision.DOUBLE);
  }

  /** The same, computing each step's gradient in the given precision. */
  public LocalGradientSource(
      Network net,
      Task task,
      int classes,
      TrainingConfig config,
      DataBlock train,
      DataBlock validation,
      Precision precision) {
    this.net = net;
    this.task = task;
    this.classes = classes;
    this.config = config;
    this.train = train;
    this.validation = validation;
    int capacity = Math.max(1, Math.min(config.batchSize(), train.size()));
    boolean single = precision == Precision.FLOAT;
    this.ws = single ? net.newFloatWorkspace(capacity) : net.newWorkspace(capacity);
    this.sum = GradientSum.zero(net.numParams());
    this.floatParams = single ? new float[net.numParams()] : null;
    this.floatSum = single ? new FloatGradientSum(net.numParams()) : null;
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    if (epoch != planEpoch) {
      plan = BatchPlan.of(train, train.size(), config.batchSize(), config.seed(), epoch);
      planEpoch = epoch;
    }
    if (floatParams == null) {
      BlockGradient.accumulate(net, params, train, plan, step, ws, sum.reset());
      return sum;
    }
    for (int i = 0; i < params.length; i++) {
      floatParams[i] = (float) params[i];
    }
    BlockGradient.accumulate(net, floatParams, train, plan, step, ws, floatSum.reset());
    return floatSum.addTo(sum.reset());
  }

  @Override
  public Evaluation validate(double[] params) {
    return validation == null ? null : Evaluator.evaluate(net, task, classes, params, validation);
  }
}

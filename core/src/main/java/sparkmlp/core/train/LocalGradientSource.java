package sparkmlp.core.train;

import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;

/**
 * Step gradients from one in-memory block holding all n training examples (ranks 0..n−1), with each
 * epoch's batch plan built once: the single-process side of the equality with the Spark job.
 */
public final class LocalGradientSource implements GradientSource {
  private final Network net;
  private final TrainingConfig config;
  private final DataBlock train;
  private final ValidationSet validation;
  private final Workspace ws;
  private final GradientSum sum;

  /** Float compute only (else null): the float copy of the weights and the float partial sum. */
  private final FloatPath floats;

  private BatchPlan plan;
  private int planEpoch = -1;

  private record FloatPath(float[] params, FloatGradientSum sum) {}

  /**
   * Gradients over {@code train} in the given precision; {@code validation} may be null (then
   * {@link #validate} returns null).
   */
  public LocalGradientSource(
      Network net,
      TrainingConfig config,
      DataBlock train,
      ValidationSet validation,
      Precision precision) {
    this.net = net;
    this.config = config;
    this.train = train;
    this.validation = validation;
    int capacity = Math.max(1, Math.min(config.batchSize(), train.size()));
    boolean single = precision == Precision.FLOAT;
    this.ws = single ? net.newFloatWorkspace(capacity) : net.newWorkspace(capacity);
    this.sum = GradientSum.zero(net.numParams());
    this.floats =
        single
            ? new FloatPath(new float[net.numParams()], new FloatGradientSum(net.numParams()))
            : null;
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    if (epoch != planEpoch) {
      plan = BatchPlan.of(train, train.size(), config.batchSize(), config.seed(), epoch);
      planEpoch = epoch;
    }
    if (floats == null) {
      BlockGradient.accumulate(net, params, train, plan, step, ws, sum.reset());
      return sum;
    }
    float[] p = floats.params();
    for (int i = 0; i < params.length; i++) {
      p[i] = (float) params[i];
    }
    BlockGradient.accumulate(net, p, train, plan, step, ws, floats.sum().reset());
    return floats.sum().addTo(sum.reset());
  }

  @Override
  public Evaluation validate(double[] params) {
    return validation == null
        ? null
        : Evaluator.evaluate(
            net, validation.task(), validation.classes(), params, validation.block());
  }
}

package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.core.train.BlockGradient;
import sparkmlp.core.train.FloatGradientSum;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.Updater;

/**
 * The step of {@code mlp.train.precision=float} on one thread: round the double master weights to
 * floats, gather the batch as floats and run the gradient through {@code sgemm} ({@code
 * BlockGradient}, with dropout masks when the network has dropout), then add the float sum into a
 * double one and update the double weights — what a Spark task and the driver do, minus Spark.
 *
 * @param round seconds of rounding the weights to floats (median)
 * @param gradient seconds of gather + gradient (median)
 * @param update seconds of widening the sum and the update (median)
 */
record FloatStep(
    int batch,
    long flopsPerExample,
    int measuredSteps,
    Measurement step,
    double round,
    double gradient,
    double update) {

  /** GFLOP/s of gather + gradient + update, as the double step's η counts it with gather. */
  double gflops() {
    return (double) flopsPerExample * batch / (gradient + update) / 1e9;
  }

  ObjectNode toJson(double sgemmRate) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("batch", batch);
    n.put("measured_steps", measuredSteps);
    n.set("step_seconds", step.toJson());
    n.put("round_weights_seconds", round);
    n.put("gather_and_gradient_seconds", gradient);
    n.put("widen_and_update_seconds", update);
    n.put("gflops_gather_gradient_update", gflops());
    n.put("eta_against_sgemm", gflops() / sgemmRate);
    n.put("eta_denominator_sgemm_gflops", sgemmRate);
    return n;
  }

  /** {@code maxSteps} full-size steps timed on one thread after a warm-up. */
  static FloatStep run(LocalData data, int maxSteps, Progress progress) {
    Network net = data.network();
    TrainingConfig tc = data.training();
    DataBlock train = data.train();
    int batch = tc.batchSize();
    Updater updater = new Updater(net, tc, tc.runLength(train.size()));
    BatchPlan plan = BatchPlan.of(train, train.size(), batch, tc.seed(), 0);
    int full = StepBench.fullSteps(plan, batch, train.size());
    double[] params = data.initialParams().clone();
    float[] weights = new float[params.length];
    OptimizerState state = tc.optimizer().newState(net.numParams());
    Workspace ws = net.newFloatWorkspace(batch);
    FloatGradientSum partial = new FloatGradientSum(net.numParams());
    GradientSum sum = GradientSum.zero(net.numParams());
    int measured = Math.min(full, maxSteps);
    int warm = Math.min(full, 30);
    double[][] t = new double[3][measured];
    for (int i = -warm; i < measured; i++) {
      int s = Math.max(i, 0) % full;
      long t0 = System.nanoTime();
      for (int k = 0; k < params.length; k++) {
        weights[k] = (float) params[k];
      }
      long t1 = System.nanoTime();
      BlockGradient.accumulate(net, weights, train, plan, s, ws, partial.reset());
      long t2 = System.nanoTime();
      partial.addTo(sum.reset());
      updater.apply(params, sum.grad(), sum.weight(), state, 0, s);
      long t3 = System.nanoTime();
      if (i >= 0) {
        t[0][i] = (t1 - t0) / 1e9;
        t[1][i] = (t2 - t1) / 1e9;
        t[2][i] = (t3 - t2) / 1e9;
      }
    }
    double[] total = new double[measured];
    for (int s = 0; s < measured; s++) {
      total[s] = t[0][s] + t[1][s] + t[2][s];
    }
    FloatStep r =
        new FloatStep(
            batch,
            net.flopsPerExample(),
            measured,
            Measurement.ofTimes(total),
            StepBench.median(t[0]),
            StepBench.median(t[1]),
            StepBench.median(t[2]));
    progress.line(
        "  float, 1 thread, batch %d: %.3f ms/step (round weights %.3f, gather + gradient %.3f,"
            + " widen + update %.3f); %.2f GFLOP/s",
        batch,
        r.step().median() * 1e3,
        r.round() * 1e3,
        r.gradient() * 1e3,
        r.update() * 1e3,
        r.gflops());
    return r;
  }
}

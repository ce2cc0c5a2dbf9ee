package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.DropoutKey;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.Updater;

/**
 * Core's training step alone, no Spark: gather a batch ({@code BatchPlan.gather}) and, when the
 * network has dropout, its examples' ranks for the masks; {@code Network.gradient}; and the update
 * ({@code Updater}: divide by the count, Adam). Timed on one thread, on two threads each training
 * on its own half of the data (the throughput two cores give), and as synchronous data-parallel
 * steps on two threads — each summing its share of every global batch, then one update — which is
 * what the Spark job does on local[2], minus Spark.
 */
final class StepBench {

  /** Medians over the measured full-size steps, in seconds. */
  record Phases(double gather, double gradient, double update) {
    double total() {
      return gather + gradient + update;
    }

    /** The step as the brief defines it: gradient and update on an already gathered batch. */
    double compute() {
      return gradient + update;
    }
  }

  /**
   * @param step one thread: seconds per step (gather + gradient + update), median over steps
   * @param phases one thread: the step's parts
   * @param halvesEpoch two threads, each running full steps over its own half: wall seconds
   * @param halvesStep two threads: median seconds of one thread's step while the other runs too
   * @param syncEpoch two threads, synchronous data-parallel over a whole epoch: wall seconds
   * @param syncSteps steps in that epoch
   */
  record Result(
      int batch,
      long flopsPerExample,
      int measuredSteps,
      Measurement step,
      Phases phases,
      double halvesEpoch,
      long halvesExamples,
      Measurement halvesStep,
      double syncEpoch,
      int syncSteps,
      long examples) {

    double examplesPerSecond() {
      return batch / step.median();
    }

    /** GFLOP/s of a whole step (with gather), counting {@code flopsPerExample}. */
    double gflops() {
      return (double) flopsPerExample * batch / step.median() / 1e9;
    }

    /** GFLOP/s of gradient + update on a gathered batch. */
    double computeGflops() {
      return (double) flopsPerExample * batch / phases.compute() / 1e9;
    }

    ObjectNode toJson(double dgemmRate) {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("batch", batch);
      n.put("flops_per_example", flopsPerExample);
      n.put("measured_steps", measuredSteps);
      n.set("step_seconds", step.toJson());
      n.put("gather_seconds", phases.gather());
      n.put("gradient_seconds", phases.gradient());
      n.put("update_seconds", phases.update());
      n.put("compute_seconds_gradient_plus_update", phases.compute());
      n.put("examples_per_second", examplesPerSecond());
      n.put("gflops_step_with_gather", gflops());
      n.put("gflops_gradient_plus_update", computeGflops());
      n.put("eta_step_with_gather", gflops() / dgemmRate);
      n.put("eta_gradient_plus_update", computeGflops() / dgemmRate);
      n.put("eta_denominator_dgemm_gflops", dgemmRate);
      n.put("eta_target", SpeedTargets.ETA);
      ObjectNode h = n.putObject("two_threads_own_halves");
      h.put("epoch_seconds", halvesEpoch);
      h.put("examples", halvesExamples);
      h.put("examples_per_second", halvesExamples / halvesEpoch);
      h.set("step_seconds_per_thread", halvesStep.toJson());
      h.put("gflops_aggregate", (double) flopsPerExample * halvesExamples / halvesEpoch / 1e9);
      ObjectNode s = n.putObject("two_threads_synchronous_data_parallel");
      s.put("epoch_seconds", syncEpoch);
      s.put("steps", syncSteps);
      s.put("step_seconds", syncEpoch / syncSteps);
      s.put("examples_per_second", examples / syncEpoch);
      return n;
    }
  }

  private StepBench() {}

  /** {@code maxSteps}: how many full-size steps to time on one thread (after a warm-up). */
  static Result run(LocalData data, int maxSteps, Progress progress) {
    Network net = data.network();
    TrainingConfig tc = data.training();
    DataBlock train = data.train();
    int batch = tc.batchSize();
    long n = train.size();
    Updater updater = new Updater(net, tc, tc.runLength(train.size()));
    BatchPlan plan = BatchPlan.of(train, n, batch, tc.seed(), 0);
    int full = fullSteps(plan, batch, n);

    double[] params = data.initialParams().clone();
    OptimizerState state = tc.optimizer().newState(net.numParams());
    Workspace ws = net.newWorkspace(batch);
    double[] grad = new double[net.numParams()];
    int warm = Math.min(full, 30);
    for (int s = 0; s < warm; s++) {
      oneStep(net, updater, train, plan, s, params, grad, state, ws, null, 0);
    }
    int measured = Math.min(full, maxSteps);
    double[][] t = new double[3][measured];
    for (int s = 0; s < measured; s++) {
      oneStep(net, updater, train, plan, s, params, grad, state, ws, t, s);
    }
    double[] total = new double[measured];
    for (int s = 0; s < measured; s++) {
      total[s] = t[0][s] + t[1][s] + t[2][s];
    }
    Phases phases = new Phases(median(t[0]), median(t[1]), median(t[2]));
    Measurement step = Measurement.ofTimes(total);
    progress.line(
        "  1 thread, batch %d: %.3f ms/step (gather %.3f, gradient %.3f, update %.3f) over %d steps",
        batch,
        step.median() * 1e3,
        phases.gather() * 1e3,
        phases.gradient() * 1e3,
        phases.update() * 1e3,
        measured);

    TwoThreadSteps.Halves halves = TwoThreadSteps.halves(data, updater, progress);
    TwoThreadSteps.Sync sync = TwoThreadSteps.synchronous(data, updater, progress);
    Result r =
        new Result(
            batch,
            net.flopsPerExample(),
            measured,
            step,
            phases,
            halves.seconds(),
            halves.examples(),
            halves.step(),
            sync.seconds(),
            sync.steps(),
            n);
    progress.line(
        "  1 thread: %,.0f examples/s, %.2f GFLOP/s with gather, %.2f GFLOP/s gradient+update",
        r.examplesPerSecond(), r.gflops(), r.computeGflops());
    return r;
  }

  /**
   * One full training step; records gather, gradient and update seconds in {@code t[0..2][at]} when
   * given.
   */
  static void oneStep(
      Network net,
      Updater updater,
      DataBlock block,
      BatchPlan plan,
      int s,
      double[] params,
      double[] grad,
      OptimizerState state,
      Workspace ws,
      double[][] t,
      int at) {
    long t0 = System.nanoTime();
    int count = plan.count(s);
    double[] x = ws.inputBuffer(count);
    double[] y = ws.targetBuffer(count);
    plan.gather(block, s, x, y);
    DropoutKey key = null;
    if (net.hasDropout()) {
      long[] ranks = ws.rankBuffer(count);
      plan.gatherRanks(block, s, ranks);
      key = new DropoutKey(plan.seed(), plan.epoch(), ranks);
    }
    long t1 = System.nanoTime();
    Arrays.fill(grad, 0.0);
    net.gradient(params, BatchView.of(x, y, count), grad, ws, key);
    long t2 = System.nanoTime();
    updater.apply(params, grad, count, state, 0, s);
    long t3 = System.nanoTime();
    if (t != null) {
      t[0][at] = (t1 - t0) / 1e9;
      t[1][at] = (t2 - t1) / 1e9;
      t[2][at] = (t3 - t2) / 1e9;
    }
  }

  /** The epoch's leading steps of a whole batch each; fails when the batch exceeds the data. */
  static int fullSteps(BatchPlan plan, int batch, long n) {
    int full = 0;
    while (full < plan.numSteps() && plan.count(full) == batch) {
      full++;
    }
    if (full == 0) {
      throw new IllegalArgumentException(
          "the batch size " + batch + " exceeds the " + n + " training examples");
    }
    return full;
  }

  static double median(double[] v) {
    return Measurement.ofTimes(v).median();
  }
}

package sparkmlp.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.core.train.BlockGradient;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.Updater;

/**
 * Core's step on two threads (part of {@link StepBench}): each thread training on its own half, the
 * throughput two cores give; and synchronous data-parallel steps, what the Spark job does on
 * local[2], minus Spark.
 */
final class TwoThreadSteps {
  private TwoThreadSteps() {}

  record Halves(double seconds, long examples, Measurement step) {}

  /**
   * Two threads, each training on its own half (renumbered as a data set of its own) for one epoch.
   */
  static Halves halves(LocalData data, Updater updater, Progress progress) {
    Network net = data.network();
    TrainingConfig tc = data.training();
    int batch = tc.batchSize();
    DataBlock[] parts = {
      LocalData.part(data.train(), 2, 0, true), LocalData.part(data.train(), 2, 1, true)
    };
    double[][] stepTimes = new double[2][];
    long[] examples = new long[2];
    Runnable[] ops = new Runnable[2];
    for (int p = 0; p < 2; p++) {
      int id = p;
      DataBlock block = parts[p];
      BatchPlan plan = BatchPlan.of(block, block.size(), batch, tc.seed(), 0);
      double[] params = data.initialParams().clone();
      OptimizerState state = tc.optimizer().newState(net.numParams());
      Workspace ws = net.newWorkspace(batch);
      double[] grad = new double[net.numParams()];
      ops[p] =
          () -> {
            int steps = plan.numSteps();
            double[][] t = new double[3][steps];
            long count = 0;
            for (int s = 0; s < steps; s++) {
              StepBench.oneStep(net, updater, block, plan, s, params, grad, state, ws, t, s);
              count += plan.count(s);
            }
            double[] total = new double[steps];
            for (int s = 0; s < steps; s++) {
              total[s] = t[0][s] + t[1][s] + t[2][s];
            }
            stepTimes[id] = total;
            examples[id] = count;
          };
    }
    double seconds = Measurement.concurrently(ops, 1);
    double[] all = new double[stepTimes[0].length + stepTimes[1].length];
    System.arraycopy(stepTimes[0], 0, all, 0, stepTimes[0].length);
    System.arraycopy(stepTimes[1], 0, all, stepTimes[0].length, stepTimes[1].length);
    Halves h = new Halves(seconds, examples[0] + examples[1], Measurement.ofTimes(all));
    progress.line(
        "  2 threads, own halves: %.2f s for %,d examples (%.3f ms/step per thread)",
        h.seconds(), h.examples(), h.step().median() * 1e3);
    return h;
  }

  record Sync(double seconds, int steps) {}

  /**
   * One epoch of synchronous data-parallel training on two threads, as the Spark job runs it: the
   * data split in two by rank (keeping global ranks), each step's share summed by {@code
   * BlockGradient} on each thread, the sums added, one update on this thread.
   */
  static Sync synchronous(LocalData data, Updater updater, Progress progress) {
    Network net = data.network();
    TrainingConfig tc = data.training();
    long n = data.train().size();
    int batch = tc.batchSize();
    DataBlock[] parts = {
      LocalData.part(data.train(), 2, 0, false), LocalData.part(data.train(), 2, 1, false)
    };
    BatchPlan[] plans = {
      BatchPlan.of(parts[0], n, batch, tc.seed(), 0), BatchPlan.of(parts[1], n, batch, tc.seed(), 0)
    };
    Workspace[] ws = {net.newWorkspace(batch), net.newWorkspace(batch)};
    GradientSum[] sums = {GradientSum.zero(net.numParams()), GradientSum.zero(net.numParams())};
    double[] params = data.initialParams().clone();
    OptimizerState state = tc.optimizer().newState(net.numParams());
    int steps = plans[0].numSteps();
    ExecutorService worker =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-sync-worker"));
    try {
      long start = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        int step = s;
        Future<?> other =
            worker.submit(
                () ->
                    BlockGradient.accumulate(
                        net, params, parts[1], plans[1], step, ws[1], sums[1].reset()));
        BlockGradient.accumulate(net, params, parts[0], plans[0], step, ws[0], sums[0].reset());
        other.get();
        GradientSum total = sums[0].merge(sums[1]);
        updater.apply(params, total.grad(), total.count(), state, 0, s);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      progress.line(
          "  2 threads, synchronous data-parallel: %.2f s per epoch, %.3f ms/step over %d steps",
          seconds, seconds / steps * 1e3, steps);
      return new Sync(seconds, steps);
    } catch (Exception e) {
      throw new IllegalStateException("synchronous two-thread epoch failed", e);
    } finally {
      worker.shutdownNow();
    }
  }
}

package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Repeated samples of one quantity (a rate or a duration), summarised by their median, which a
 * stray slow trial does not move, and their best. Also the timing loops that produce them.
 */
record Measurement(double median, double best, double[] samples) {

  /** Summary of samples where larger is better (rates). */
  static Measurement ofRates(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    return new Measurement(median(s), s[s.length - 1], samples.clone());
  }

  /** Summary of samples where smaller is better (durations). */
  static Measurement ofTimes(double[] samples) {
    double[] s = samples.clone();
    Arrays.sort(s);
    return new Measurement(median(s), s[0], samples.clone());
  }

  double mean() {
    return Arrays.stream(samples).average().orElse(Double.NaN);
  }

  /**
   * GFLOP/s of {@code op} on this thread: warmed up for half a trial, then {@code trials} trials of
   * about {@code trialSeconds} each.
   */
  static Measurement gflops(Runnable op, double flopsPerCall, double trialSeconds, int trials) {
    long reps = calibrate(op, trialSeconds);
    double[] rates = new double[trials];
    for (int t = 0; t < trials; t++) {
      long start = System.nanoTime();
      for (long r = 0; r < reps; r++) {
        op.run();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      rates[t] = flopsPerCall * reps / seconds / 1e9;
    }
    return ofRates(rates);
  }

  /**
   * Aggregate GFLOP/s of several threads, thread i running {@code ops[i]} (on its own operands) the
   * same number of times, all released together; wall time is until the last one finishes.
   */
  static Measurement concurrentGflops(
      Runnable[] ops, double flopsPerCall, double trialSeconds, int trials) {
    long reps = calibrate(ops[0], trialSeconds);
    for (int i = 1; i < ops.length; i++) {
      calibrate(ops[i], trialSeconds / 4);
    }
    double[] rates = new double[trials];
    for (int t = 0; t < trials; t++) {
      double seconds = concurrently(ops, reps);
      rates[t] = flopsPerCall * reps * ops.length / seconds / 1e9;
    }
    return ofRates(rates);
  }

  /**
   * Runs each op {@code reps} times on its own thread, all started together; returns the wall
   * seconds.
   */
  static double concurrently(Runnable[] ops, long reps) {
    CountDownLatch ready = new CountDownLatch(ops.length);
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[ops.length];
    for (int i = 0; i < ops.length; i++) {
      Runnable op = ops[i];
      threads[i] =
          new Thread(
              () -> {
                ready.countDown();
                awaitQuietly(go);
                for (long r = 0; r < reps; r++) {
                  op.run();
                }
              },
              "bench-" + i);
      threads[i].start();
    }
    awaitQuietly(ready);
    long start = System.nanoTime();
    go.countDown();
    joinAll(threads);
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Seconds of each of {@code rounds} rounds in which every thread runs its op once (after a
   * warm-up round), the threads waiting for each other between rounds, as the tasks of synchronous
   * steps do: a round lasts until its slowest thread finishes. The threads wait by spinning, so
   * that a round measures the ops and the machine, not a wake-up.
   */
  static Measurement lockStep(Runnable[] ops, int rounds) {
    int n = ops.length;
    long[][] ends = new long[n][rounds + 1];
    long[] starts = new long[rounds + 1];
    AtomicInteger arrived = new AtomicInteger();
    AtomicInteger released = new AtomicInteger(-1);
    Thread[] threads = new Thread[n];
    for (int i = 0; i < n; i++) {
      int t = i;
      Runnable op = ops[i];
      threads[i] =
          new Thread(
              () -> {
                for (int r = 0; r <= rounds; r++) {
                  // the last thread to arrive releases round r
                  if (arrived.incrementAndGet() == n * (r + 1)) {
                    starts[r] = System.nanoTime();
                    released.set(r);
                  }
                  while (released.get() < r) {
                    Thread.onSpinWait();
                  }
                  op.run();
                  ends[t][r] = System.nanoTime();
                }
              },
              "bench-lockstep-" + i);
      threads[i].start();
    }
    joinAll(threads);
    double[] seconds = new double[rounds];
    for (int r = 1; r <= rounds; r++) {
      long last = 0;
      for (long[] e : ends) {
        last = Math.max(last, e[r]);
      }
      seconds[r - 1] = (last - starts[r]) / 1e9;
    }
    return ofTimes(seconds);
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("median", median);
    n.put("best", best);
    n.put("trials", samples.length);
    return n;
  }

  /** Runs op for about half a trial (warm-up) and returns how many calls make a trial. */
  private static long calibrate(Runnable op, double trialSeconds) {
    long calls = 0;
    long start = System.nanoTime();
    long warm = (long) (trialSeconds / 2 * 1e9);
    do {
      op.run();
      calls++;
    } while (System.nanoTime() - start < warm);
    double perCall = (System.nanoTime() - start) / 1e9 / calls;
    return Math.max(1, (long) (trialSeconds / perCall));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static void joinAll(Thread[] threads) {
    for (Thread th : threads) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while timing", e);
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while timing", e);
    }
  }
}

package sparkmlp.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.DataBlocks;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.train.GradientSum;

/**
 * Two attempts of one partition at once (spark.speculation=true, or a killed attempt still running
 * while the next step starts) each get their own gradient: neither overwrites the other's result
 * while Spark is still sending it.
 */
class PartitionDataTest {
  @Test
  void concurrentAttemptsOfOnePartitionDoNotShareAGradientBuffer() throws Exception {
    DataBlock block = block(40, 5, 3);
    Network net = network();
    double[] w1 = weights(net, 1);
    double[] w2 = weights(net, 2);
    // What each attempt must send, computed on partitions of their own.
    double[] expected1 =
        copy(
            new PartitionData(block)
                .gradient(new StepBatches(net, 40, 16, 9), new DoubleVec(w1), 0, 1));
    double[] expected2 =
        copy(
            new PartitionData(block)
                .gradient(new StepBatches(net, 40, 16, 9), new DoubleVec(w2), 0, 1));

    PartitionData shared = new PartitionData(block);
    CountDownLatch firstReturned = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // Attempt 1 returns its sum and, like Spark serialising a task result, reads it only after
      // attempt 2 has run on the same partition.
      Future<double[]> first =
          pool.submit(
              () -> {
                GradientSum mine =
                    shared.gradient(new StepBatches(net, 40, 16, 9), new DoubleVec(w1), 0, 1);
                firstReturned.countDown();
                secondDone.await();
                return copy(mine);
              });
      Future<GradientSum> second =
          pool.submit(
              () -> {
                firstReturned.await();
                GradientSum mine =
                    shared.gradient(new StepBatches(net, 40, 16, 9), new DoubleVec(w2), 0, 1);
                secondDone.countDown();
                return mine;
              });
      GradientSum b = second.get();
      assertArrayEquals(expected1, first.get(), 0.0, "the first attempt's result was overwritten");
      assertArrayEquals(expected2, b.grad(), 0.0);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReleasedBufferIsReusedOnlyAfterRelease() {
    GradientSum a = GradientBuffers.acquire(17);
    GradientSum b = GradientBuffers.acquire(17);
    assertNotSame(a, b);
    a.grad()[3] = 5;
    GradientBuffers.release(a);
    GradientSum c = GradientBuffers.acquire(17);
    assertEquals(0.0, c.grad()[3], "a reused buffer starts at zero");
    GradientBuffers.release(b);
    GradientBuffers.release(c);
  }

  @Test
  void afterAnEpochsLastStepTheNextEpochsFirstMembersAreGatheredAhead() {
    Network net = network();
    StepBatches batches = new StepBatches(net, 40, 16, 9); // steps of 16, 16 and 8 examples
    FloatVec w = floatWeights(net);
    float[] x = floatFeatures(40, 5);
    double[] y = labels(40, 3);
    float[] expected =
        new PartitionData(DataBlock.ofFloats(5, 1, x.clone(), y, null))
            .floatGradient(batches, w, 1, 0)
            .grad()
            .clone();

    float[] live = x.clone();
    PartitionData ahead = new PartitionData(DataBlock.ofFloats(5, 1, live, y, null));
    ahead.floatGradient(batches, w, 0, 2);
    ahead.gatherAfter(batches, 0, 2, true);
    // epoch 1's first members were copied out before this: changing the examples now changes
    // nothing in that step's sum
    Arrays.fill(live, 0f);
    assertArrayEquals(expected, ahead.floatGradient(batches, w, 1, 0).grad());

    float[] notAhead = x.clone();
    PartitionData within = new PartitionData(DataBlock.ofFloats(5, 1, notAhead, y, null));
    within.floatGradient(batches, w, 0, 2);
    within.gatherAfter(batches, 0, 2, false);
    Arrays.fill(notAhead, 0f);
    assertFalse(
        Arrays.equals(expected, within.floatGradient(batches, w, 1, 0).grad()),
        "not into the next epoch: its first step gathers the examples as they are then");
  }

  private static FloatVec floatWeights(Network net) {
    double[] d = weights(net, 1);
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return new FloatVec(f);
  }

  private static float[] floatFeatures(int n, int features) {
    Random r = new Random(5);
    float[] x = new float[n * features];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static double[] labels(int n, int classes) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
    }
    return y;
  }

  private static double[] copy(GradientSum s) {
    return s.grad().clone();
  }

  private static Network network() {
    return Network.of(
        5,
        Loss.SOFTMAX_CROSS_ENTROPY,
        Dense.of(7, Activation.TANH),
        Dense.of(3, Activation.SOFTMAX));
  }

  private static double[] weights(Network net, long seed) {
    Random r = new Random(seed);
    double[] w = new double[net.numParams()];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextGaussian() * 0.3;
    }
    return w;
  }

  private static DataBlock block(int n, int features, int classes) {
    Random r = new Random(3);
    double[][] x = new double[n][features];
    double[][] y = new double[n][1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < features; j++) {
        x[i][j] = r.nextGaussian();
      }
      y[i][0] = i % classes;
    }
    return DataBlocks.fromRows(x, y);
  }
}

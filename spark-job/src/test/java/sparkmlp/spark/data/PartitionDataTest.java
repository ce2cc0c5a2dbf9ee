package sparkmlp.spark.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

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

package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Dropout;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.loss.Loss;

/** A step's gradient is the same however the examples are split into blocks, with dropout too. */
class BlockGradientTest {
  private static final Network NET =
      Network.of(
          5,
          Loss.SOFTMAX_CROSS_ENTROPY,
          Dense.of(8, Activation.RELU),
          Dropout.of(0.4),
          Dense.of(6, Activation.TANH),
          Dropout.of(0.2),
          Dense.of(3, Activation.SOFTMAX));

  /** The examples of {@code all} whose rank is {@code index} mod {@code parts}, ranks kept. */
  private static DataBlock part(DataBlock all, int parts, int index) {
    int n = (all.size() - index + parts - 1) / parts;
    double[] x = new double[n * all.numFeatures()];
    double[] y = new double[n];
    long[] ranks = new long[n];
    for (int i = index, k = 0; i < all.size(); i += parts, k++) {
      all.copyExample(i, x, y, k);
      ranks[k] = all.rank(i);
    }
    return DataBlock.of(all.numFeatures(), 1, x, y, ranks);
  }

  private static GradientSum stepGradient(
      DataBlock all, int parts, double[] params, int epoch, int step) {
    GradientSum total = GradientSum.zero(NET.numParams());
    for (int q = 0; q < parts; q++) {
      DataBlock block = part(all, parts, q);
      BatchPlan plan = BatchPlan.of(block, all.size(), 16, 11, epoch);
      GradientSum s = GradientSum.zero(NET.numParams());
      BlockGradient.accumulate(NET, params, block, plan, step, NET.newWorkspace(4), s);
      total.merge(s);
    }
    return total;
  }

  /** The network's parameters, uniform in [-1, 1) from {@code seed}. */
  private static double[] randomParams(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] p = new double[NET.numParams()];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextDouble(-1, 1);
    }
    return p;
  }

  @Test
  void dropoutGradientsDoNotDependOnPartitioning() {
    DataBlock all = Blobs.of(100, 5, 3, 0.5, 4);
    double[] p = randomParams(2);
    GradientSum one = stepGradient(all, 1, p, 2, 3);
    assertEquals(16, one.count());
    for (int parts : new int[] {3, 8}) {
      GradientSum split = stepGradient(all, parts, p, 2, 3);
      assertEquals(one.count(), split.count());
      assertEquals(one.lossSum(), split.lossSum(), 1e-12 * one.lossSum());
      for (int i = 0; i < p.length; i++) {
        assertEquals(one.grad()[i], split.grad()[i], 1e-12, parts + " parts, parameter " + i);
      }
    }
    // the masks are in use: the same batch without them has another loss
    double[] plain = new double[NET.numParams()];
    DataBlock block = part(all, 1, 0);
    BatchPlan plan = BatchPlan.of(block, all.size(), 16, 11, 2);
    int count = plan.count(3);
    double[] x = new double[count * 5];
    double[] y = new double[count];
    plan.gather(block, 3, x, y);
    double plainLoss =
        NET.gradient(p, BatchView.of(x, y, count), plain, NET.newWorkspace(count), null);
    assertNotEquals(plainLoss, one.lossSum());
    assertTrue(Double.isFinite(one.lossSum()));
  }

  private static FloatGradientSum floatStep(
      float[] params, DataBlock block, BatchPlan plan, int step, Workspace ws) {
    FloatGradientSum sum = new FloatGradientSum(NET.numParams());
    BlockGradient.accumulate(NET, params, block, plan, step, ws, sum);
    return sum;
  }

  /**
   * A step gathered ahead (a resident task copies the next step's members while the driver updates)
   * is the step's batch, used once by that step's pass and by no other step's.
   */
  @Test
  void aStepGatheredAheadIsUsedByThatStepOnlyAndOnce() {
    DataBlock all = Blobs.of(100, 5, 3, 0.5, 4);
    double[] wide = randomParams(3);
    float[] p = new float[wide.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) wide[i];
    }
    BatchPlan plan = BatchPlan.of(all, all.size(), 16, 11, 2);
    FloatGradientSum expected = floatStep(p, all, plan, 3, NET.newFloatWorkspace(4));

    // gathered ahead into a workspace too small for it (it grows first): the same sum, bit for bit
    Workspace ws = NET.newFloatWorkspace(4);
    BlockGradient.gatherAhead(all, plan, 3, ws);
    FloatGradientSum ahead = floatStep(p, all, plan, 3, ws);
    assertEquals(expected.lossSum(), ahead.lossSum(), 0);
    assertArrayEquals(expected.grad(), ahead.grad(), 0f);

    // the pass reads the held batch as it is: an input changed after the gather changes the sum
    BlockGradient.gatherAhead(all, plan, 3, ws);
    ws.floatInputBuffer(16)[0] += 100f;
    assertNotEquals(expected.lossSum(), floatStep(p, all, plan, 3, ws).lossSum());
    // ... once: the next pass of the step gathers it again
    assertEquals(expected.lossSum(), floatStep(p, all, plan, 3, ws).lossSum(), 0);
    // a batch held for step 4, or for step 3 of another plan, is not step 3's
    BlockGradient.gatherAhead(all, plan, 4, ws);
    FloatGradientSum other = floatStep(p, all, plan, 3, ws);
    assertArrayEquals(expected.grad(), other.grad(), 0f);
    BlockGradient.gatherAhead(all, BatchPlan.of(all, all.size(), 16, 11, 5), 3, ws);
    assertArrayEquals(expected.grad(), floatStep(p, all, plan, 3, ws).grad(), 0f);
  }
}

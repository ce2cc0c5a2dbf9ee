package sparkmlp.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.loss.Loss;

/** Inverted dropout: Keras's semantics, masks keyed by (seed, epoch, rank, layer), gradients. */
class DropoutTest {
  private static final int BATCH = 7;
  private static final long[] RANKS = {40, 3, 17, 900, 5, 61, 2};

  private static Network net(Activation hidden) {
    return Network.of(
        4,
        Loss.SOFTMAX_CROSS_ENTROPY,
        Dropout.of(0.2),
        Dense.of(6, hidden),
        Dropout.of(0.3),
        Dense.of(5, hidden),
        Dropout.of(0.5),
        Dense.of(3, Activation.SOFTMAX));
  }

  @Test
  void gradientMatchesCentralDifferencesWithAFixedMaskForEachActivation() {
    for (Activation hidden : GradientCheckTest.HIDDEN) {
      Network net = net(hidden);
      SplittableRandom rnd = new SplittableRandom(31 + hidden.ordinal());
      double[] p = GradientCheckTest.randomParams(net, rnd);
      double[] x = GradientCheckTest.randomInputs(net, BATCH, rnd);
      double[] y = GradientCheckTest.randomTargets(net, BATCH, rnd);
      DropoutKey key = new DropoutKey(42, 3, RANKS);
      GradientCheck.Result r = GradientCheck.check(net, p, x, y, BATCH, 1e-5, key);
      assertTrue(r.relativeError() < 1e-6, hidden + ": relative error " + r.relativeError());
      // the masks really drop something: the gradient differs from the pass-through one
      GradientCheck.Result plain = GradientCheck.check(net, p, x, y, BATCH, 1e-5);
      assertTrue(plain.relativeError() < 1e-6, hidden + ": " + plain.relativeError());
      assertTrue(
          Math.abs(r.analytic()[0] - plain.analytic()[0]) > 1e-6
              || Math.abs(r.analytic()[5] - plain.analytic()[5]) > 1e-6,
          hidden + ": dropout changed nothing");
    }
  }

  @Test
  void branchFreeKeepMatchesTheUniformNumberAgainstTheRate() {
    // keep() compares 53-bit integers; the definition is U = (mix64(seed + (u + 1)·φ) >>> 11) ·
    // 2⁻⁵³
    // kept when U >= rate. Both must agree for every rate, including one equal to a unit's own U.
    long seed = new DropoutKey(3, 1, RANKS).columnSeed(2, 1);
    long u7 = sparkmlp.core.data.Seeds.mix64(seed + 8 * 0x9e3779b97f4a7c15L) >>> 11;
    double atUnit7 = u7 * 0x1.0p-53;
    int kept = 0;
    for (double rate : new double[] {0.0, 0.2, 0.5, 0.9, atUnit7, Math.nextDown(atUnit7)}) {
      long threshold = DropoutKey.threshold(rate);
      for (int unit = 0; unit < 5000; unit++) {
        long u = sparkmlp.core.data.Seeds.mix64(seed + (unit + 1) * 0x9e3779b97f4a7c15L) >>> 11;
        boolean expected = u * 0x1.0p-53 >= rate;
        assertEquals(
            expected ? -1L : 0L, DropoutKey.keep(seed, unit, threshold), rate + "/" + unit);
        kept += expected ? 1 : 0;
      }
    }
    assertEquals(-1L, DropoutKey.keep(seed, 7, DropoutKey.threshold(atUnit7)));
    assertEquals(0L, DropoutKey.keep(seed, 7, DropoutKey.threshold(Math.nextUp(atUnit7))));
    assertTrue(kept > 5000 && kept < 25000, "kept " + kept);
  }

  /** 1 input, 2000 hidden units fixed at 1, dropout, an output summing the survivors. */
  private static final Network COUNTER =
      Network.of(
          1,
          Loss.MSE,
          Dense.of(2000, Activation.IDENTITY),
          Dropout.of(0.25),
          Dense.of(1, Activation.IDENTITY));

  private static double[] counterParams() {
    double[] p = new double[COUNTER.numParams()];
    Arrays.fill(p, COUNTER.biasOffset(0), COUNTER.biasOffset(0) + 2000, 1.0); // hidden = 1
    Arrays.fill(p, COUNTER.weightOffset(1), COUNTER.biasOffset(1), 1.0); // output = Σ hidden
    return p;
  }

  @Test
  void trainingDropsAboutTheRateAndScalesSurvivorsInferencePassesThrough() {
    Workspace ws = COUNTER.newWorkspace(1);
    double[] p = counterParams();
    COUNTER.loss(
        p, BatchView.of(new double[1], new double[1], 1), ws, new DropoutKey(7, 0, new long[] {9}));
    double kept = ws.output()[0] * 0.75; // survivors count 1 / (1 - 0.25) each
    assertEquals(Math.rint(kept), kept, 1e-9);
    // 2000 units kept with probability 0.75: mean 1500, sd 19.4
    assertTrue(Math.abs(kept - 1500) < 4 * 19.4, "kept " + kept);
    assertEquals(2000.0, COUNTER.forward(p, new double[1], 0, 1, ws)[0], 0);
    COUNTER.loss(p, BatchView.of(new double[1], new double[1], 1), ws);
    assertEquals(2000.0, ws.output()[0], 0);
  }

  @Test
  void masksFollowSeedEpochAndRankNotTheColumn() {
    Workspace ws = COUNTER.newWorkspace(3);
    double[] p = counterParams();
    double[] x = new double[3];
    double[] y = new double[3];
    COUNTER.loss(p, BatchView.of(x, y, 3), ws, new DropoutKey(7, 0, new long[] {9, 4, 9}));
    double[] batch = Arrays.copyOf(ws.output(), 3);
    assertEquals(batch[0], batch[2], 0, "same rank, same mask");
    assertNotEquals(batch[0], batch[1], "another rank, another mask");
    COUNTER.loss(p, BatchView.of(x, y, 1), ws, new DropoutKey(7, 0, new long[] {4}));
    assertEquals(batch[1], ws.output()[0], 0, "the column does not matter");
    COUNTER.loss(p, BatchView.of(x, y, 1), ws, new DropoutKey(7, 1, new long[] {4}));
    assertNotEquals(batch[1], ws.output()[0], "another epoch, another mask");
    COUNTER.loss(p, BatchView.of(x, y, 1), ws, new DropoutKey(8, 0, new long[] {4}));
    assertNotEquals(batch[1], ws.output()[0], "another seed, another mask");
  }

  @Test
  void batchGradientEqualsSumOfSingleExampleGradientsWithTheirRanks() {
    Network net = net(Activation.TANH);
    SplittableRandom rnd = new SplittableRandom(5);
    double[] p = GradientCheckTest.randomParams(net, rnd);
    double[] x = GradientCheckTest.randomInputs(net, BATCH, rnd);
    double[] y = GradientCheckTest.randomTargets(net, BATCH, rnd);
    double[] whole = new double[net.numParams()];
    double lossWhole =
        net.gradient(
            p,
            BatchView.of(x, y, BATCH),
            whole,
            net.newWorkspace(BATCH),
            new DropoutKey(1, 2, RANKS));
    double[] sum = new double[net.numParams()];
    double lossSum = 0;
    Workspace one = net.newWorkspace(1);
    for (int j = BATCH - 1; j >= 0; j--) {
      DropoutKey key = new DropoutKey(1, 2, new long[] {RANKS[j]});
      lossSum += net.gradient(p, BatchView.at(x, j * net.inputSize(), y, j, 1), sum, one, key);
    }
    assertEquals(lossWhole, lossSum, 1e-12 * lossWhole);
    for (int i = 0; i < sum.length; i++) {
      assertEquals(whole[i], sum[i], 1e-12, "parameter " + i);
    }
  }

  @Test
  void aNetworkWithoutDropoutAtInferenceComputesTheSame() {
    Network with = net(Activation.RELU);
    Network without =
        Network.of(
            4,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(6, Activation.RELU),
            Dense.of(5, Activation.RELU),
            Dense.of(3, Activation.SOFTMAX));
    assertEquals(without.numParams(), with.numParams());
    assertEquals(without.layers(), with.layers());
    assertTrue(with.hasDropout());
    assertEquals(
        "4-dropout(0.2)-6(relu)-dropout(0.3)-5(relu)-dropout(0.5)-3(softmax), softmax-cross-entropy",
        with.toString());
    assertNotEquals(without, with);
    SplittableRandom rnd = new SplittableRandom(3);
    double[] p = GradientCheckTest.randomParams(with, rnd);
    double[] x = GradientCheckTest.randomInputs(with, BATCH, rnd);
    assertArrayEquals(
        Arrays.copyOf(without.forward(p, x, 0, BATCH, without.newWorkspace(BATCH)), 3 * BATCH),
        Arrays.copyOf(with.forward(p, x, 0, BATCH, with.newWorkspace(BATCH)), 3 * BATCH));
  }

  @Test
  void badRatesAndPlacementsAreRejectedWithTheValue() {
    assertEquals(
        "a dropout rate must be in [0, 1), found 1.0",
        assertThrows(IllegalArgumentException.class, () -> Dropout.of(1.0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dropout.of(-0.1));
    assertThrows(IllegalArgumentException.class, () -> Dropout.of(Double.NaN));
    assertEquals(
        "the last layer must be a dense output layer, found Dropout[rate=0.5]",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Network(
                        2, List.of(Dense.of(2, Activation.SIGMOID), Dropout.of(0.5)), Loss.MSE))
            .getMessage());
    Network net = net(Activation.TANH);
    assertEquals(
        "a dropout key needs a rank for each of the 2 examples, found 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    net.loss(
                        new double[net.numParams()],
                        BatchView.of(new double[8], new double[2], 2),
                        net.newWorkspace(2),
                        new DropoutKey(1, 0, new long[1])))
            .getMessage());
  }
}

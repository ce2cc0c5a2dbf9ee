package sparkmlp.core.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;

class InitializerTest {
  private static final Network NET =
      Network.of(
          784,
          Loss.SOFTMAX_CROSS_ENTROPY,
          Dense.of(256, Activation.RELU),
          Dense.of(10, Activation.SOFTMAX));

  @Test
  void glorotUniformStaysWithinEachLayersBoundAndUsesItsRange() {
    double[] p = Initializer.GLOROT_UNIFORM.initialise(NET, 42);
    for (int l = 0; l < NET.numLayers(); l++) {
      double r = Math.sqrt(6.0 / (NET.fanIn(l) + NET.layer(l).units()));
      double maxAbs = 0;
      for (int i = NET.weightOffset(l); i < NET.biasOffset(l); i++) {
        assertTrue(
            p[i] > -r && p[i] < r, "layer " + l + " weight " + i + " = " + p[i] + " outside ±" + r);
        maxAbs = Math.max(maxAbs, Math.abs(p[i]));
      }
      assertTrue(maxAbs > 0.99 * r, "layer " + l + ": largest |w| " + maxAbs + " of bound " + r);
    }
    assertBiasesZero(p);
  }

  @Test
  void heNormalHasStandardDeviationOfRootTwoOverFanIn() {
    double[] p = Initializer.HE_NORMAL.initialise(NET, 7);
    int from = NET.weightOffset(0);
    int n = NET.biasOffset(0) - from;
    assertEquals(784 * 256, n);
    double sum = 0;
    double sq = 0;
    for (int i = from; i < from + n; i++) {
      sum += p[i];
      sq += p[i] * p[i];
    }
    double mean = sum / n;
    double std = Math.sqrt(sq / n - mean * mean);
    double expected = Math.sqrt(2.0 / 784);
    assertEquals(expected, std, 0.05 * expected);
    assertEquals(0, mean, 5 * expected / Math.sqrt(n));
    assertBiasesZero(p);
  }

  private static void assertBiasesZero(double[] p) {
    for (int l = 0; l < NET.numLayers(); l++) {
      for (int i = 0; i < NET.layer(l).units(); i++) {
        assertEquals(0.0, p[NET.biasOffset(l) + i], "bias " + i + " of layer " + l);
      }
    }
  }

  @Test
  void sameSeedGivesSameWeightsAndAnotherSeedOthers() {
    for (Initializer init : Initializer.values()) {
      double[] a = init.initialise(NET, 123);
      double[] b = init.initialise(NET, 123);
      double[] c = init.initialise(NET, 124);
      assertArrayEquals(a, b, init.id());
      assertFalse(Arrays.equals(a, c), init.id());
      // layers draw from their own streams: the first weights of layers 0 and 1 differ
      assertTrue(a[NET.weightOffset(0)] != a[NET.weightOffset(1)]);
    }
  }

  @Test
  void defaultIsHeForReluHiddenLayersElseGlorot() {
    assertSame(Initializer.HE_NORMAL, Initializer.defaultFor(NET));
    assertSame(
        Initializer.GLOROT_UNIFORM,
        Initializer.defaultFor(
            Network.of(
                4,
                Loss.SOFTMAX_CROSS_ENTROPY,
                Dense.of(8, Activation.TANH),
                Dense.of(3, Activation.SOFTMAX))));
    assertSame(
        Initializer.GLOROT_UNIFORM,
        Initializer.defaultFor(Network.of(4, Loss.MSE, Dense.of(3, Activation.RELU))));
  }

  @Test
  void idsParse() {
    assertSame(Initializer.HE_NORMAL, Initializer.fromId("he-normal"));
    assertSame(Initializer.GLOROT_UNIFORM, Initializer.fromId(" Glorot-Uniform"));
    assertEquals(
        "unknown initializer 'zeros'; expected glorot-uniform or he-normal",
        assertThrows(IllegalArgumentException.class, () -> Initializer.fromId("zeros"))
            .getMessage());
  }
}

package sparkmlp.core.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {

  /** Relative comparison for goldens printed with 9 significant digits. */
  private static void assertClose(double expected, double actual, double rel, String what) {
    assertEquals(expected, actual, Math.abs(expected) * rel, what);
  }

  @Test
  void sigmoidOfLargeMagnitudeSaturatesWithoutNaN() {
    // sigmoid(-1000) = 0.0 from the e^x / (1 + e^x) form (1 / (1 + e^1000) would overflow);
    // sigmoid(1000) = 1.
    assertEquals(0.0, Activation.SIGMOID.apply(-1000));
    assertEquals(1.0, Activation.SIGMOID.apply(1000));
    assertEquals(0.5, Activation.SIGMOID.apply(0));
    for (double z : new double[] {-1e308, -745, -710, -40, 40, 710, 745, 1e308}) {
      double s = Activation.SIGMOID.apply(z);
      assertFalse(Double.isNaN(s), "sigmoid(" + z + ")");
      assertTrue(s >= 0 && s <= 1, "sigmoid(" + z + ") = " + s);
    }
    assertEquals(1 / (1 + Math.exp(-2.5)), Activation.SIGMOID.apply(2.5), 1e-16);
    assertEquals(Math.exp(-2.5) / (1 + Math.exp(-2.5)), Activation.SIGMOID.apply(-2.5), 1e-16);
  }

  @Test
  void softmaxMatchesNumpyGolden() {
    double[] z = {0.3, 2.9, 4.0};
    Activation.SOFTMAX.apply(z, 0, 3, 1);
    // numpy: exp(a - max(a)) / sum(...) for a = [0.3, 2.9, 4.0] prints
    // [0.01821127, 0.24519181, 0.73659691] (8 decimals)
    assertEquals(0.01821127, z[0], 5e-9);
    assertEquals(0.24519181, z[1], 5e-9);
    assertEquals(0.73659691, z[2], 5e-9);
    assertEquals(1.0, z[0] + z[1] + z[2], 1e-15);
  }

  @Test
  void softmaxOfLargeLogitsStaysFinite() {
    double[] z = {1010, 1000, 990};
    Activation.SOFTMAX.apply(z, 0, 3, 1);
    // numpy, the same max-shifted formula for a = [1010, 1000, 990] (exp(1010) alone overflows):
    // [9.99954600e-01, 4.53978686e-05, 2.06106005e-09]
    assertClose(9.99954600e-01, z[0], 1e-8, "p0");
    assertClose(4.53978686e-05, z[1], 1e-8, "p1");
    assertClose(2.06106005e-09, z[2], 1e-8, "p2");
    for (double p : z) {
      assertTrue(Double.isFinite(p));
    }
  }

  @Test
  void softmaxWorksColumnByColumnFromAnOffset() {
    // two columns of 3 after one unrelated value; the second column is the first shifted by 1000
    double[] z = {42, 0.3, 2.9, 4.0, 1000.3, 1002.9, 1004.0};
    Activation.SOFTMAX.apply(z, 1, 3, 2);
    assertEquals(42, z[0]);
    for (int i = 0; i < 3; i++) {
      assertEquals(z[1 + i], z[4 + i], 1e-12, "shift invariance, row " + i);
    }
    assertEquals(0.73659691, z[3], 5e-9);
  }

  @Test
  void elementwiseApplyTouchesOnlyTheBlock() {
    double[] z = {-1, -2, 3, -4, 5};
    Activation.RELU.apply(z, 1, 2, 1);
    assertEquals(-1, z[0]);
    assertEquals(0, z[1]);
    assertEquals(3, z[2]);
    assertEquals(-4, z[3]);
    double[] t = {0.5};
    Activation.TANH.apply(t, 0, 1, 1);
    assertEquals(Math.tanh(0.5), t[0]);
  }

  @ParameterizedTest
  @EnumSource(
      value = Activation.class,
      names = {"SIGMOID", "TANH", "RELU", "IDENTITY"})
  void backpropEqualsCentralDifferenceOfApply(Activation f) {
    // ReLU is not differentiable at 0; every point here is well away from it.
    double[] zs = {-3.1, -1.2, -0.37, 0.21, 0.8, 1.9, 4.2};
    double h = 1e-5;
    for (double z : zs) {
      double numeric = (f.apply(z + h) - f.apply(z - h)) / (2 * h);
      double[] a = {f.apply(z)};
      double[] delta = {1.0};
      f.backprop(a, 0, delta, 0, 1);
      assertEquals(numeric, delta[0], 1e-9, f + " at " + z);
      // scaling: backprop multiplies the incoming delta
      double[] delta3 = {3.0};
      f.backprop(a, 0, delta3, 0, 1);
      assertEquals(3 * delta[0], delta3[0], 1e-15, f + " scales at " + z);
    }
  }

  @Test
  void reluHasZeroDerivativeWhereItIsOff() {
    double[] a = {0.0, 2.0};
    double[] delta = {5.0, 5.0};
    Activation.RELU.backprop(a, 0, delta, 0, 2);
    assertEquals(0.0, delta[0]);
    assertEquals(5.0, delta[1]);
  }

  @Test
  void reluBlockLoopsGiveTheBitsOfThePerValueDefinition() {
    // The block loops run without a branch on the sign; they must equal z > 0 ? z : 0 forward and
    // delta * (a > 0 ? 1 : 0) backward bit for bit, signed zeros included, in double and float.
    double[] special = {-0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, -1e308, 1e308};
    double[] z = new double[1000 + special.length];
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 1000; i++) {
      z[i] = random.nextGaussian();
    }
    System.arraycopy(special, 0, z, 1000, special.length);
    double[] a = z.clone();
    Activation.RELU.apply(a, 0, a.length, 1);
    float[] af = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      af[i] = (float) z[i];
    }
    float[] zf = af.clone();
    Activation.RELU.apply(af, 0, af.length, 1);
    double[] delta = new double[z.length];
    float[] deltaF = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      delta[i] = i % 3 == 0 ? -random.nextDouble() : random.nextDouble();
      deltaF[i] = (float) delta[i];
    }
    double[] back = delta.clone();
    Activation.RELU.backprop(a, 0, back, 0, z.length);
    float[] backF = deltaF.clone();
    Activation.RELU.backprop(af, 0, backF, 0, z.length);
    for (int i = 0; i < z.length; i++) {
      assertEquals(z[i] > 0 ? z[i] : 0.0, a[i], "forward at " + z[i]);
      assertEquals(zf[i] > 0 ? zf[i] : 0f, af[i], "float forward at " + zf[i]);
      assertEquals(delta[i] * (a[i] > 0 ? 1.0 : 0.0), back[i], "backward at " + a[i]);
      assertEquals(deltaF[i] * (af[i] > 0 ? 1f : 0f), backF[i], "float backward at " + af[i]);
    }
    // assertEquals on doubles compares bits: -0.0 in gives +0.0 out, and an inactive unit's
    // negative delta becomes -0.0, as delta * 0.0 does
    assertEquals(0.0, a[1000]);
    double[] negative = {-2.0};
    Activation.RELU.backprop(new double[] {0.0}, 0, negative, 0, 1);
    assertEquals(-0.0, negative[0]);
  }

  @Test
  void reluKeepsNaN() {
    // Keras' relu(NaN) is NaN: a diverged layer must not turn into zeros
    double[] z = {Double.NaN, -1.0};
    Activation.RELU.apply(z, 0, 2, 1);
    assertTrue(Double.isNaN(z[0]));
    assertEquals(0.0, z[1]);
    float[] f = {Float.NaN};
    Activation.RELU.apply(f, 0, 1, 1);
    assertTrue(Float.isNaN(f[0]));
    assertTrue(Double.isNaN(Activation.RELU.apply(Double.NaN)));
  }

  @Test
  void softmaxRefusesScalarUseAndStandaloneBackprop() {
    assertThrows(UnsupportedOperationException.class, () -> Activation.SOFTMAX.apply(1.0));
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () -> Activation.SOFTMAX.backprop(new double[3], 0, new double[3], 0, 3));
    assertEquals(
        "softmax is only supported as the output layer with softmax cross-entropy", e.getMessage());
  }

  @Test
  void idsParseBackAndLinearMeansIdentity() {
    for (Activation a : Activation.values()) {
      assertSame(a, Activation.fromId(a.id()));
    }
    assertSame(Activation.IDENTITY, Activation.fromId(" Linear "));
    assertEquals("relu", Activation.RELU.id());
    assertEquals(
        "unknown activation 'gelu'; expected one of sigmoid, tanh, relu, identity, softmax",
        assertThrows(IllegalArgumentException.class, () -> Activation.fromId("gelu")).getMessage());
  }
}

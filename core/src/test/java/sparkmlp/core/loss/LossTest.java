package sparkmlp.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;

class LossTest {
  // the textbook loss example: one-hot target t at class 2 of 10, and two outputs, one right (0.6
  // on class 2: ½Σ(y − t)² = 0.0975) and one wrong (0.6 on class 7: 0.5975)
  private static final double[] Y_RIGHT = {0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0};
  private static final double[] Y_WRONG = {0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0};

  private static double[] oneHot(int k, int n) {
    double[] t = new double[n];
    t[k] = 1;
    return t;
  }

  @Test
  void mseIsHalfSumOfSquaresOfTheTextbookExample() {
    double[] t = oneHot(2, 10);
    assertEquals(
        0.0975, Loss.MSE.evaluate(Activation.IDENTITY, Y_RIGHT, Y_RIGHT, 10, 1, t, 0, null), 1e-15);
    assertEquals(
        0.5975, Loss.MSE.evaluate(Activation.IDENTITY, Y_WRONG, Y_WRONG, 10, 1, t, 0, null), 1e-15);
  }

  @Test
  void mseSumsOverTheBatchAndGivesResidualDelta() {
    double[] y = new double[20];
    System.arraycopy(Y_RIGHT, 0, y, 0, 10);
    System.arraycopy(Y_WRONG, 0, y, 10, 10);
    double[] t = new double[21];
    t[0] = 7; // targets start at offset 1
    t[1 + 2] = 1;
    t[11 + 2] = 1;
    double[] delta = new double[20];
    double sum = Loss.MSE.evaluate(Activation.IDENTITY, y, y, 10, 2, t, 1, delta);
    assertEquals(0.0975 + 0.5975, sum, 1e-15);
    assertEquals(0.6 - 1, delta[2], 1e-15);
    assertEquals(0.1 - 1, delta[12], 1e-15);
    assertEquals(0.6, delta[17], 1e-15);
  }

  @Test
  void mseDeltaIncludesTheOutputDerivative() {
    double z = 0.4;
    double a = Activation.SIGMOID.apply(z);
    double[] delta = new double[1];
    Loss.MSE.evaluate(
        Activation.SIGMOID, new double[] {z}, new double[] {a}, 1, 1, new double[] {1.0}, 0, delta);
    assertEquals((a - 1) * a * (1 - a), delta[0], 1e-16);
  }

  @Test
  void softmaxCrossEntropyFromLogLikelihoodLogitsMatchesTheTextbookExample() {
    // logits = log(y) (log 0 = -inf), so softmax(logits) = y and the loss is -log y_t.
    double[] t = {2};
    double right = softmaxCe(Y_RIGHT, t);
    double wrong = softmaxCe(Y_WRONG, t);
    assertEquals(-Math.log(0.6), right, 1e-12);
    assertEquals(-Math.log(0.1), wrong, 1e-12);
    // The textbook example computes -log(y + 1e-7); its printed values are within 1e-6 of the exact
    // -log y ...
    assertEquals(0.510825457099, right, 1e-6);
    // ... except that log(1 + 1e-7 / 0.1) = 1.0e-6 exactly at the second one.
    assertEquals(2.30258409299, wrong, 1.01e-6);
    // and that formula reproduces its printed numbers:
    assertEquals(0.510825457099, -Math.log(0.6 + 1e-7), 1e-12);
    assertEquals(2.30258409299, -Math.log(0.1 + 1e-7), 1e-11);
  }

  private static double softmaxCe(double[] probs, double[] t) {
    double[] logits = new double[probs.length];
    for (int i = 0; i < probs.length; i++) {
      logits[i] = Math.log(probs[i]);
    }
    double[] a = logits.clone();
    Activation.SOFTMAX.apply(a, 0, a.length, 1);
    for (int i = 0; i < probs.length; i++) {
      assertEquals(probs[i], a[i], 1e-15, "softmax(log y) = y at " + i);
    }
    double[] delta = new double[probs.length];
    double loss =
        Loss.SOFTMAX_CROSS_ENTROPY.evaluate(
            Activation.SOFTMAX, logits, a, probs.length, 1, t, 0, delta);
    assertTrue(Double.isFinite(loss));
    return loss;
  }

  @Test
  void softmaxCrossEntropyDeltaIsSoftmaxMinusOneHot() {
    double[] z = {0.3, 2.9, 4.0, 1010, 1000, 990};
    double[] a = z.clone();
    Activation.SOFTMAX.apply(a, 0, 3, 2);
    double[] delta = new double[6];
    double loss =
        Loss.SOFTMAX_CROSS_ENTROPY.evaluate(
            Activation.SOFTMAX, z, a, 3, 2, new double[] {2, 1}, 0, delta);
    assertEquals(0.01821127, delta[0], 5e-9);
    assertEquals(0.24519181, delta[1], 5e-9);
    assertEquals(0.73659691 - 1, delta[2], 5e-9);
    assertEquals(4.53978686e-05 - 1, delta[4], 1e-12);
    // loss: -log(0.73659691) + (log(1 + e^-10 + e^-20) + 10), finite despite logits of 1000
    double expected = -Math.log(a[2]) + 10 + Math.log1p(Math.exp(-10) + Math.exp(-20));
    assertEquals(expected, loss, 1e-12);
  }

  @Test
  void binaryCrossEntropyStaysFiniteForHugeLogits() {
    // the stable form from logits (as TensorFlow's sigmoid_cross_entropy_with_logits):
    // max(x, 0) - x z + log(1 + e^-|x|), gradient sigmoid(x) - z
    double[] x = {1000, -1000, 1000, -1000, 0};
    double[] z = {0, 1, 1, 0, 1};
    double[] expectedLoss = {1000, 1000, 0, 0, Math.log(2)};
    double[] expectedDelta = {1, -1, 0, 0, -0.5};
    for (int i = 0; i < x.length; i++) {
      double[] a = {Activation.SIGMOID.apply(x[i])};
      double[] delta = new double[1];
      double loss =
          Loss.BINARY_CROSS_ENTROPY.evaluate(
              Activation.SIGMOID, new double[] {x[i]}, a, 1, 1, new double[] {z[i]}, 0, delta);
      assertEquals(expectedLoss[i], loss, 1e-15, "loss at x=" + x[i] + ", z=" + z[i]);
      assertEquals(expectedDelta[i], delta[0], 1e-15, "gradient at x=" + x[i] + ", z=" + z[i]);
    }
  }

  @Test
  void binaryCrossEntropyEqualsTheTextbookFormWhereThatIsFinite() {
    double[] x = {0.7, -1.3, 2.2};
    double[] z = {1, 0, 1};
    double[] a = x.clone();
    Activation.SIGMOID.apply(a, 0, 3, 1);
    double[] delta = new double[3];
    // 3 outputs of one example (multi-label): losses add up over the units
    double loss = Loss.BINARY_CROSS_ENTROPY.evaluate(Activation.SIGMOID, x, a, 3, 1, z, 0, delta);
    double expected = 0;
    for (int i = 0; i < 3; i++) {
      expected += -z[i] * Math.log(a[i]) - (1 - z[i]) * Math.log(1 - a[i]);
      assertEquals(a[i] - z[i], delta[i], 1e-16);
    }
    assertEquals(expected, loss, 1e-14);
  }

  @Test
  void mismatchedOutputsAreRejectedWithBothNames() {
    assertEquals(
        "loss softmax-cross-entropy needs a softmax output, found sigmoid",
        assertThrows(
                IllegalArgumentException.class,
                () -> Loss.SOFTMAX_CROSS_ENTROPY.checkOutput(Activation.SIGMOID))
            .getMessage());
    assertEquals(
        "loss binary-cross-entropy needs a sigmoid output, found softmax",
        assertThrows(
                IllegalArgumentException.class,
                () -> Loss.BINARY_CROSS_ENTROPY.checkOutput(Activation.SOFTMAX))
            .getMessage());
    assertEquals(
        "loss binary-cross-entropy needs a sigmoid output, found identity",
        assertThrows(
                IllegalArgumentException.class,
                () -> Loss.BINARY_CROSS_ENTROPY.checkOutput(Activation.IDENTITY))
            .getMessage());
    assertEquals(
        "loss mse needs an identity, relu, sigmoid or tanh output, found softmax",
        assertThrows(IllegalArgumentException.class, () -> Loss.MSE.checkOutput(Activation.SOFTMAX))
            .getMessage());
    for (Activation ok :
        new Activation[] {
          Activation.IDENTITY, Activation.RELU, Activation.SIGMOID, Activation.TANH
        }) {
      Loss.MSE.checkOutput(ok);
    }
    Loss.SOFTMAX_CROSS_ENTROPY.checkOutput(Activation.SOFTMAX);
    Loss.BINARY_CROSS_ENTROPY.checkOutput(Activation.SIGMOID);
  }

  @Test
  void classIndexOutsideTheOutputsIsRejected() {
    double[] z = {0.1, 0.2, 0.3};
    double[] a = z.clone();
    Activation.SOFTMAX.apply(a, 0, 3, 1);
    for (double bad : new double[] {3, -1, 1.5, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  Loss.SOFTMAX_CROSS_ENTROPY.evaluate(
                      Activation.SOFTMAX, z, a, 3, 1, new double[] {bad}, 0, null));
      assertEquals("class index must be an integer in [0, 3), found " + bad, e.getMessage());
    }
  }

  @Test
  void targetRowsAndIds() {
    assertEquals(1, Loss.SOFTMAX_CROSS_ENTROPY.targetRows(10));
    assertEquals(10, Loss.MSE.targetRows(10));
    assertEquals(3, Loss.BINARY_CROSS_ENTROPY.targetRows(3));
    for (Loss l : Loss.values()) {
      assertSame(l, Loss.fromId(" " + l.id().toUpperCase() + " "));
    }
    assertArrayEquals(
        new String[] {"mse", "binary-cross-entropy", "softmax-cross-entropy"},
        java.util.Arrays.stream(Loss.values()).map(Loss::id).toArray(String[]::new));
    assertEquals(
        "unknown loss 'hinge'; expected one of mse, binary-cross-entropy, softmax-cross-entropy",
        assertThrows(IllegalArgumentException.class, () -> Loss.fromId("hinge")).getMessage());
  }
}

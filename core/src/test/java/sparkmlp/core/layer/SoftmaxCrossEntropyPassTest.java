package sparkmlp.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.linalg.Matrix;
import sparkmlp.core.loss.Loss;

/**
 * The training pass's fused softmax cross-entropy gives the very bits of the softmax followed by
 * the loss, as the pass computed them before they were fused (logits widened to double, softmax,
 * {@code Loss.SOFTMAX_CROSS_ENTROPY}, the delta rounded to float in a float pass).
 */
class SoftmaxCrossEntropyPassTest {
  private static final int ROWS = 7;
  private static final int BATCH = 41;

  @Test
  void fusedPassEqualsSoftmaxThenLossBitForBit() {
    SplittableRandom rnd = new SplittableRandom(24);
    double[] y = new double[BATCH];
    double[] w = new double[BATCH];
    for (int j = 0; j < BATCH; j++) {
      y[j] = rnd.nextInt(ROWS);
      w[j] = rnd.nextDouble(0, 3);
    }
    float[] zf = new float[ROWS * BATCH];
    for (int i = 0; i < zf.length; i++) {
      zf[i] = (float) (rnd.nextGaussian() * 20);
    }
    double[] z = new double[zf.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = zf[i];
    }
    for (double[] weights : new double[][] {null, w}) {
      double[] a = z.clone();
      Activation.SOFTMAX.apply(a, 0, ROWS, BATCH);
      double[] d = new double[z.length];
      double loss =
          Loss.SOFTMAX_CROSS_ENTROPY.evaluate(
              Activation.SOFTMAX, z, a, ROWS, BATCH, y, 0, weights, 0, d);

      double[] out = new double[z.length];
      double[] delta = new double[z.length];
      double fused =
          SoftmaxCrossEntropyPass.run(
              Matrix.view(z, 0, ROWS, BATCH),
              out,
              Matrix.view(delta, 0, ROWS, BATCH),
              y,
              0,
              weights,
              0);
      assertEquals(Double.doubleToRawLongBits(loss), Double.doubleToRawLongBits(fused));
      assertArrayEquals(a, out);
      assertArrayEquals(d, delta);

      float[] deltaF = new float[z.length];
      double fusedF =
          SoftmaxCrossEntropyPass.run(
              Matrix.view(zf, 0, ROWS, BATCH),
              out,
              Matrix.view(deltaF, 0, ROWS, BATCH),
              y,
              0,
              weights,
              0);
      float[] rounded = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        rounded[i] = (float) d[i];
      }
      assertEquals(Double.doubleToRawLongBits(loss), Double.doubleToRawLongBits(fusedF));
      assertArrayEquals(rounded, deltaF);
    }
  }

  @Test
  void fusedPassRejectsABadClassIndexAsTheLossDoes() {
    double[] y = {1, 2.5};
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SoftmaxCrossEntropyPass.run(
                    Matrix.view(new double[6], 0, 3, 2),
                    new double[6],
                    Matrix.view(new double[6], 0, 3, 2),
                    y,
                    0,
                    null,
                    0));
    assertEquals("class index must be an integer in [0, 3), found 2.5", e.getMessage());
  }
}

package sparkmlp.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.FloatBatchView;
import sparkmlp.core.loss.Loss;

/** The single-precision gradient (sgemm) against the double one, within float tolerance. */
class FloatGradientTest {
  private static final int BATCH = 33;

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  /** ‖a − b‖ / ‖b‖. */
  private static double relative(float[] a, double[] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < b.length; i++) {
      diff += (a[i] - b[i]) * (a[i] - b[i]);
      norm += b[i] * b[i];
    }
    return Math.sqrt(diff / norm);
  }

  @Test
  void floatGradientEqualsDoubleGradientWithinFloatTolerance() {
    for (Activation hidden : GradientCheckTest.HIDDEN) {
      for (Loss loss : Loss.values()) {
        Activation out =
            switch (loss) {
              case SOFTMAX_CROSS_ENTROPY -> Activation.SOFTMAX;
              case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
              case MSE -> Activation.TANH;
            };
        Network net =
            Network.of(
                20,
                loss,
                Dense.of(32, hidden),
                Dropout.of(0.25),
                Dense.of(16, hidden),
                Dense.of(4, out));
        SplittableRandom rnd = new SplittableRandom(hidden.ordinal() * 10L + loss.ordinal());
        double[] p = GradientCheckTest.randomParams(net, rnd);
        for (int i = 0; i < p.length; i++) {
          p[i] *= 0.3;
        }
        double[] x = GradientCheckTest.randomInputs(net, BATCH, rnd);
        double[] y = GradientCheckTest.randomTargets(net, BATCH, rnd);
        long[] ranks = new long[BATCH];
        for (int j = 0; j < BATCH; j++) {
          ranks[j] = 7L * j + 3;
        }
        DropoutKey key = new DropoutKey(5, 1, ranks);
        double[] w = new double[BATCH];
        for (int j = 0; j < BATCH; j++) {
          w[j] = rnd.nextDouble(0, 3); // per-example weights apply in both precisions
        }
        double[] g64 = new double[net.numParams()];
        double l64 =
            net.gradient(p, BatchView.weighted(x, y, w, BATCH), g64, net.newWorkspace(BATCH), key);
        float[] g32 = new float[net.numParams()];
        double l32 =
            net.gradient(
                floats(p),
                FloatBatchView.weighted(floats(x), y, w, BATCH),
                g32,
                net.newFloatWorkspace(BATCH),
                key);
        String what = hidden + "/" + loss.id();
        assertEquals(l64, l32, 1e-5 * Math.abs(l64), what + ": loss");
        double err = relative(g32, g64);
        assertTrue(err < 1e-5, what + ": relative gradient error " + err);
      }
    }
  }

  @Test
  void aFloatPassNeedsAFloatWorkspace() {
    Network net = Network.of(2, Loss.MSE, Dense.of(1, Activation.IDENTITY));
    assertEquals(
        "a float pass needs a float workspace (newFloatWorkspace)",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    net.gradient(
                        new float[3],
                        FloatBatchView.of(new float[2], new double[1], 1),
                        new float[3],
                        net.newWorkspace(1),
                        null))
            .getMessage());
    assertEquals(
        "a double pass needs a double workspace (newWorkspace)",
        assertThrows(
                IllegalArgumentException.class,
                () -> net.forward(new double[3], new double[2], 0, 1, net.newFloatWorkspace(1)))
            .getMessage());
  }
}

package sparkmlp.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.FloatBatchView;
import sparkmlp.core.loss.Loss;

/**
 * A gradient pass tells the workspace's listener, layer by layer from the output back, where the
 * final part of the sum starts; what lies from there on is never written again in that pass.
 */
class GradientReadyTest {
  private static final int BATCH = 9;

  // 6-5(tanh)-dropout-4(relu)-3(softmax): weights and bias of the layers at 0, 6·5+5 = 35 and
  // 35 + 5·4+4 = 59, 59 + 4·3+3 = 74 parameters in all
  private static final Network NET =
      Network.of(
          6,
          Loss.SOFTMAX_CROSS_ENTROPY,
          Dense.of(5, Activation.TANH),
          Dropout.of(0.25),
          Dense.of(4, Activation.RELU),
          Dense.of(3, Activation.SOFTMAX));

  @Test
  void eachLayersSumIsFinalWhenTheListenerHearsOfIt() {
    SplittableRandom rnd = new SplittableRandom(11);
    double[] p = GradientCheckTest.randomParams(NET, rnd);
    double[] x = GradientCheckTest.randomInputs(NET, BATCH, rnd);
    double[] y = GradientCheckTest.randomTargets(NET, BATCH, rnd);
    DropoutKey key = new DropoutKey(5, 1, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
    double[] grad = new double[NET.numParams()];
    Arrays.fill(grad, 0.5); // a sum that already holds another block's share
    List<Integer> offsets = new ArrayList<>();
    List<double[]> seen = new ArrayList<>();
    Workspace ws = NET.newWorkspace(BATCH);
    ws.onGradientReady(
        from -> {
          offsets.add(from);
          seen.add(Arrays.copyOfRange(grad, from, grad.length));
        });
    NET.gradient(p, BatchView.of(x, y, BATCH), grad, ws, key);
    assertEquals(74, NET.numParams());
    assertEquals(List.of(59, 35, 0), offsets);
    for (int i = 0; i < offsets.size(); i++) {
      assertArrayEquals(
          Arrays.copyOfRange(grad, offsets.get(i), grad.length), seen.get(i), 0.0, "from " + i);
    }
    // the same in float; and a workspace whose listener was removed tells no one
    float[] g32 = new float[NET.numParams()];
    List<Integer> floatOffsets = new ArrayList<>();
    Workspace fws = NET.newFloatWorkspace(BATCH);
    fws.onGradientReady(floatOffsets::add);
    float[] p32 = new float[p.length];
    float[] x32 = new float[x.length];
    for (int i = 0; i < p.length; i++) {
      p32[i] = (float) p[i];
    }
    for (int i = 0; i < x.length; i++) {
      x32[i] = (float) x[i];
    }
    NET.gradient(p32, FloatBatchView.of(x32, y, BATCH), g32, fws, key);
    assertEquals(List.of(59, 35, 0), floatOffsets);
    ws.onGradientReady(null);
    NET.gradient(p, BatchView.of(x, y, BATCH), grad, ws, key);
    assertEquals(3, offsets.size());
  }
}

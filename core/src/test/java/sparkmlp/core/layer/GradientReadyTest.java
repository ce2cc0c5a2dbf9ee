package sparkmlp.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * final part of the sum starts; what lies from there on is never written again in that pass. A
 * forward pass tells, layer by layer from the input on, where the weights it is about to read end;
 * it reads nothing beyond.
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

  @Test
  void eachDenseLayerAsksForItsWeightsBeforeReadingThem() {
    SplittableRandom rnd = new SplittableRandom(12);
    double[] p = GradientCheckTest.randomParams(NET, rnd);
    double[] x = GradientCheckTest.randomInputs(NET, BATCH, rnd);
    double[] y = GradientCheckTest.randomTargets(NET, BATCH, rnd);
    DropoutKey key = new DropoutKey(5, 2, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
    double[] expected = new double[NET.numParams()];
    double expectedLoss =
        NET.gradient(p, BatchView.of(x, y, BATCH), expected, NET.newWorkspace(BATCH), key);
    // weights that arrive layer by layer: NaN until the listener hears that a layer needs them
    double[] arriving = new double[p.length];
    Arrays.fill(arriving, Double.NaN);
    List<Integer> asked = new ArrayList<>();
    Workspace ws = NET.newWorkspace(BATCH);
    ws.onWeightsNeeded(
        upTo -> {
          int from = asked.isEmpty() ? 0 : asked.get(asked.size() - 1);
          System.arraycopy(p, from, arriving, from, upTo - from);
          asked.add(upTo);
        });
    double[] grad = new double[NET.numParams()];
    double loss = NET.gradient(arriving, BatchView.of(x, y, BATCH), grad, ws, key);
    assertEquals(List.of(35, 59, 74), asked);
    assertEquals(expectedLoss, loss, 0.0);
    assertArrayEquals(expected, grad, 0.0);
    // a prediction asks too
    Arrays.fill(arriving, Double.NaN);
    asked.clear();
    double[] out = NET.forward(arriving, x, 0, BATCH, ws);
    assertEquals(List.of(35, 59, 74), asked);
    assertTrue(Double.isFinite(out[0]), "output " + out[0]);
    // without the listener the NaN weights are read: the loss is NaN
    Arrays.fill(arriving, Double.NaN);
    ws.onWeightsNeeded(null);
    double unfilled = NET.gradient(arriving, BatchView.of(x, y, BATCH), grad, ws, key);
    assertTrue(Double.isNaN(unfilled), "loss " + unfilled);
  }
}

package sparkmlp.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.loss.Loss;

/**
 * Forward passes against the textbook 3-layer example (numpy goldens), the flat parameter layout,
 * and the constructor's checks.
 */
class NetworkForwardTest {
  // the textbook 3-layer example as numpy writes it: x · W + b with W of shape fan-in × units
  static final double[] X = {1.0, 0.5};
  static final double[][] W1 = {{0.1, 0.3, 0.5}, {0.2, 0.4, 0.6}};
  static final double[] B1 = {0.1, 0.2, 0.3};
  static final double[][] W2 = {{0.1, 0.4}, {0.2, 0.5}, {0.3, 0.6}};
  static final double[] B2 = {0.1, 0.2};
  static final double[][] W3 = {{0.1, 0.3}, {0.2, 0.4}};
  static final double[] B3 = {0.1, 0.2};

  /**
   * The example's network: 2-3(sigmoid)-2(sigmoid)-2(identity); the loss plays no part in a forward
   * pass.
   */
  static Network seedNetwork() {
    return Network.of(
        2,
        Loss.MSE,
        Dense.of(3, Activation.SIGMOID),
        Dense.of(2, Activation.SIGMOID),
        Dense.of(2, Activation.IDENTITY));
  }

  /**
   * Our layout stores W as units × fan-in column-major: element (unit u, input i) at u + i·units.
   * The example's W[i][u] is therefore W^T of ours, and its row-major flattening (i·units + u) is
   * the same index.
   */
  static double[] seedParams(Network net) {
    double[] p = new double[net.numParams()];
    double[][][] ws = {W1, W2, W3};
    double[][] bs = {B1, B2, B3};
    for (int l = 0; l < 3; l++) {
      int units = net.layer(l).units();
      int fanIn = net.fanIn(l);
      assertEquals(fanIn, ws[l].length);
      assertEquals(units, ws[l][0].length);
      for (int i = 0; i < fanIn; i++) {
        for (int u = 0; u < units; u++) {
          p[net.weightOffset(l) + u + i * units] = ws[l][i][u];
        }
      }
      System.arraycopy(bs[l], 0, p, net.biasOffset(l), units);
    }
    return p;
  }

  @Test
  void seedWeightsAsGivenRowMajorAreOurColumnMajorData() {
    Network net = seedNetwork();
    double[] expected = {
      0.1, 0.3, 0.5, 0.2, 0.4, 0.6, 0.1, 0.2, 0.3, 0.1, 0.4, 0.2, 0.5, 0.3, 0.6, 0.1, 0.2, 0.1, 0.3,
      0.2, 0.4, 0.1, 0.2
    };
    assertArrayEquals(expected, seedParams(net));
    assertArrayEquals(
        new int[] {0, 9, 17},
        new int[] {net.weightOffset(0), net.weightOffset(1), net.weightOffset(2)});
    assertArrayEquals(
        new int[] {6, 15, 21}, new int[] {net.biasOffset(0), net.biasOffset(1), net.biasOffset(2)});
    assertEquals(23, net.numParams());
  }

  @Test
  void firstLayerWeightedSumMatchesNumpy() {
    Network net = Network.of(2, Loss.MSE, Dense.of(3, Activation.IDENTITY));
    double[] p = new double[net.numParams()];
    for (int i = 0; i < 2; i++) {
      for (int u = 0; u < 3; u++) {
        p[u + 3 * i] = W1[i][u];
      }
    }
    System.arraycopy(B1, 0, p, 6, 3);
    double[] a1 = net.forward(p, X, 0, 1, net.newWorkspace(1));
    assertEquals(0.3, a1[0], 1e-15);
    assertEquals(0.7, a1[1], 1e-15);
    assertEquals(1.1, a1[2], 1e-15);
  }

  @Test
  void threeLayerForwardPassMatchesNumpy() {
    Network net = seedNetwork();
    Workspace ws = net.newWorkspace(1);
    double[] y = net.forward(seedParams(net), X, 0, 1, ws);
    // numpy's Z1 = sigmoid(X·W1 + B1), Z2 = sigmoid(Z1·W2 + B2) and Z2·W3 + B3, to 8 decimals
    assertEquals(0.57444252, ws.outputs[0].data()[0], 5e-9);
    assertEquals(0.66818777, ws.outputs[0].data()[1], 5e-9);
    assertEquals(0.75026011, ws.outputs[0].data()[2], 5e-9);
    assertEquals(0.62624937, ws.outputs[2].data()[0], 5e-9);
    assertEquals(0.7710107, ws.outputs[2].data()[1], 5e-9);
    assertEquals(0.31682708, y[0], 5e-9);
    assertEquals(0.69627909, y[1], 5e-9);
    assertArrayEquals(new double[] {y[0], y[1]}, new double[] {ws.output()[0], ws.output()[1]});
  }

  @Test
  void forwardOfABatchFromAnOffsetGivesEachColumnItsOwnResult() {
    Network net = seedNetwork();
    double[] p = seedParams(net);
    // three examples after a padding value: the example's x, zeros, and x again
    double[] x = {9, 1.0, 0.5, 0, 0, 1.0, 0.5};
    Workspace ws = net.newWorkspace(1); // grows to 3
    double[] y = net.forward(p, x, 1, 3, ws);
    assertEquals(0.31682708, y[0], 5e-9);
    assertEquals(0.69627909, y[1], 5e-9);
    assertEquals(y[0], y[4], 1e-15);
    assertEquals(y[1], y[5], 1e-15);
    // x = 0: hidden outputs are sigmoid(b)
    double[] zeros = net.forward(p, new double[2], 0, 1, net.newWorkspace(1));
    assertEquals(zeros[0], y[2], 1e-15);
    assertEquals(zeros[1], y[3], 1e-15);
    assertNotEquals(y[0], y[2]);
  }

  @Test
  void constructorRejectsBadTopologiesWithMessages() {
    assertEquals(
        "a network needs at least one layer, found none",
        assertThrows(IllegalArgumentException.class, () -> new Network(4, List.of(), Loss.MSE))
            .getMessage());
    assertEquals(
        "softmax is only supported on the output layer, found it on layer 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Network.of(
                        4,
                        Loss.SOFTMAX_CROSS_ENTROPY,
                        Dense.of(5, Activation.SOFTMAX),
                        Dense.of(3, Activation.SOFTMAX)))
            .getMessage());
    assertEquals(
        "input size must be between 1 and 1048576, found 0",
        assertThrows(
                IllegalArgumentException.class,
                () -> Network.of(0, Loss.MSE, Dense.of(1, Activation.IDENTITY)))
            .getMessage());
    assertEquals(
        "loss softmax-cross-entropy needs a softmax output, found sigmoid",
        assertThrows(
                IllegalArgumentException.class,
                () -> Network.of(4, Loss.SOFTMAX_CROSS_ENTROPY, Dense.of(3, Activation.SIGMOID)))
            .getMessage());
    assertEquals(
        "a dense layer needs between 1 and 1048576 units, found 0",
        assertThrows(IllegalArgumentException.class, () -> Dense.of(0, Activation.RELU))
            .getMessage());
    assertEquals(
        "a network may have at most 268435456 parameters, found more",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    Network.of(
                        1 << 15,
                        Loss.MSE,
                        Dense.of(1 << 15, Activation.RELU),
                        Dense.of(1, Activation.IDENTITY)))
            .getMessage());
  }

  @Test
  void callsWithWrongShapesAreRejected() {
    Network net = seedNetwork();
    Workspace ws = net.newWorkspace(2);
    assertEquals(
        "parameter vector must have 23 values, found 22",
        assertThrows(IllegalArgumentException.class, () -> net.forward(new double[22], X, 0, 1, ws))
            .getMessage());
    assertEquals(
        "input block must hold 2 examples of 2 features from offset 1, found an array of 4",
        assertThrows(
                IllegalArgumentException.class,
                () -> net.forward(new double[23], new double[4], 1, 2, ws))
            .getMessage());
    assertEquals(
        "target block must hold 2 examples of 2 values from offset 0, found an array of 3",
        assertThrows(
                IllegalArgumentException.class,
                () -> net.loss(new double[23], BatchView.of(new double[4], new double[3], 2), ws))
            .getMessage());
    assertEquals(
        "gradient vector must have 23 values, found 5",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    net.gradient(
                        new double[23],
                        BatchView.of(new double[4], new double[4], 2),
                        new double[5],
                        ws,
                        null))
            .getMessage());
    // a workspace serves any network of the same topology (e.g. one deserialised on an executor)
    // ...
    double[] p = seedParams(net);
    assertArrayEquals(
        net.forward(p, X, 0, 1, net.newWorkspace(1)),
        java.util.Arrays.copyOf(
            seedNetwork().forward(p, X, 0, 1, ws), 2)); // ws has room for 2 columns
    // ... but not another topology
    Network other =
        Network.of(
            2,
            Loss.MSE,
            Dense.of(3, Activation.SIGMOID),
            Dense.of(2, Activation.SIGMOID),
            Dense.of(2, Activation.TANH));
    assertEquals(
        "workspace belongs to another network",
        assertThrows(
                IllegalArgumentException.class, () -> other.forward(new double[23], X, 0, 1, ws))
            .getMessage());
  }

  @Test
  void flopsPerExampleIsSixPMinusTheFirstLayersInputGradient() {
    Network net =
        Network.of(
            784,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(256, Activation.RELU),
            Dense.of(128, Activation.RELU),
            Dense.of(10, Activation.SOFTMAX));
    assertEquals(235146, net.numParams());
    assertEquals(6L * 235146 - 2L * 784 * 256, net.flopsPerExample());
    assertEquals(1009468L, net.flopsPerExample());
    assertArrayEquals(new int[] {784, 256, 128, 10}, net.sizes());
    assertEquals(1, net.targetRows());
    assertEquals("784-256(relu)-128(relu)-10(softmax), softmax-cross-entropy", net.toString());
  }

  @Test
  void networksWithTheSameTopologyAreEqual() {
    assertEquals(seedNetwork(), seedNetwork());
    assertEquals(seedNetwork().hashCode(), seedNetwork().hashCode());
    assertNotEquals(
        seedNetwork(),
        Network.of(
            2,
            Loss.MSE,
            Dense.of(3, Activation.SIGMOID),
            Dense.of(2, Activation.SIGMOID),
            Dense.of(2, Activation.RELU)));
  }
}

package sparkmlp.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.loss.Loss;

/** Backpropagation against central differences for every valid activation and loss pairing. */
class GradientCheckTest {
  private static final int BATCH = 7;
  private static final double H = 1e-5;
  private static final double TOLERANCE = 1e-6;

  /** An output layer and its loss; {@code units} of 0 means "the topology's default width". */
  record Output(String name, Activation activation, Loss loss, int units) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Output> OUTPUTS =
      List.of(
          new Output(
              "softmax+softmax-cross-entropy", Activation.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY, 0),
          new Output(
              "sigmoid+binary-cross-entropy", Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, 1),
          new Output(
              "3 sigmoids+binary-cross-entropy (multi-label)",
              Activation.SIGMOID,
              Loss.BINARY_CROSS_ENTROPY,
              3),
          new Output("identity+mse", Activation.IDENTITY, Loss.MSE, 0),
          new Output("relu+mse", Activation.RELU, Loss.MSE, 0),
          new Output("sigmoid+mse", Activation.SIGMOID, Loss.MSE, 0),
          new Output("tanh+mse", Activation.TANH, Loss.MSE, 0));

  static final List<Activation> HIDDEN =
      List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.IDENTITY);

  /** Hidden widths and default output width: 4-5-3 and 3-4-4-2. */
  static final List<int[]> TOPOLOGIES = List.of(new int[] {4, 5, 3}, new int[] {3, 4, 4, 2});

  static Stream<Arguments> pairings() {
    List<Arguments> out = new ArrayList<>();
    for (int[] sizes : TOPOLOGIES) {
      for (Activation hidden : HIDDEN) {
        for (Output o : OUTPUTS) {
          out.add(Arguments.of(java.util.Arrays.toString(sizes), sizes, hidden, o));
        }
      }
    }
    return out.stream();
  }

  static Network build(int[] sizes, Activation hidden, Output o) {
    List<Dense> layers = new ArrayList<>();
    for (int l = 1; l < sizes.length - 1; l++) {
      layers.add(Dense.of(sizes[l], hidden));
    }
    int outUnits = o.units() == 0 ? sizes[sizes.length - 1] : o.units();
    layers.add(Dense.of(outUnits, o.activation()));
    return new Network(sizes[0], layers, o.loss());
  }

  /** Uniform(-1, 1) weights and biases; inputs in ±[0.05, 1], never at 0 (no ReLU kinks). */
  static double[] randomParams(Network net, SplittableRandom rnd) {
    double[] p = new double[net.numParams()];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextDouble(-1, 1);
    }
    return p;
  }

  static double[] randomInputs(Network net, int batch, SplittableRandom rnd) {
    double[] x = new double[net.inputSize() * batch];
    for (int i = 0; i < x.length; i++) {
      x[i] = (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble(0.05, 1);
    }
    return x;
  }

  static double[] randomTargets(Network net, int batch, SplittableRandom rnd) {
    int k = net.outputSize();
    double[] y = new double[net.targetRows() * batch];
    for (int i = 0; i < y.length; i++) {
      y[i] =
          switch (net.loss()) {
            case SOFTMAX_CROSS_ENTROPY -> rnd.nextInt(k);
            case BINARY_CROSS_ENTROPY -> rnd.nextInt(2);
            case MSE ->
                net.outputActivation() == Activation.RELU
                        || net.outputActivation() == Activation.SIGMOID
                    ? rnd.nextDouble(0, 1)
                    : rnd.nextDouble(-1, 1);
          };
    }
    return y;
  }

  /** Pre-activations closer to 0 than this make a ReLU's central difference straddle the kink. */
  static double smallestReluPreActivation(Network net, double[] p, double[] x, int batch) {
    double smallest = Double.POSITIVE_INFINITY;
    double[] in = x;
    for (int l = 0; l < net.numLayers(); l++) {
      int units = net.layer(l).units();
      int fan = net.fanIn(l);
      double[] out = new double[units * batch];
      for (int j = 0; j < batch; j++) {
        for (int u = 0; u < units; u++) {
          double z = p[net.biasOffset(l) + u];
          for (int i = 0; i < fan; i++) {
            z += p[net.weightOffset(l) + u + i * units] * in[i + j * fan];
          }
          if (net.layer(l).activation() == Activation.RELU) {
            smallest = Math.min(smallest, Math.abs(z));
          }
          out[u + j * units] =
              net.layer(l).activation() == Activation.SOFTMAX
                  ? z
                  : net.layer(l).activation().apply(z);
        }
      }
      in = out;
    }
    return smallest;
  }

  @ParameterizedTest(name = "{0} hidden {2}, output {3}")
  @MethodSource("pairings")
  void backpropagationMatchesCentralDifferences(
      String name, int[] sizes, Activation hidden, Output o) {
    Network net = build(sizes, hidden, o);
    SplittableRandom rnd =
        new SplittableRandom(1000L * sizes.length + 10L * hidden.ordinal() + OUTPUTS.indexOf(o));
    double[] p = randomParams(net, rnd);
    double[] x = randomInputs(net, BATCH, rnd);
    double[] y = randomTargets(net, BATCH, rnd);
    assertTrue(
        smallestReluPreActivation(net, p, x, BATCH) > 1e-3, "seeded data sits near a ReLU kink");
    GradientCheck.Result r = GradientCheck.check(net, p, x, y, BATCH, H);
    assertTrue(
        r.relativeError() < TOLERANCE,
        net + ": relative error " + r.relativeError() + ", max abs " + r.maxAbsoluteError());
    double norm = 0;
    for (double g : r.analytic()) {
      norm += g * g;
    }
    assertTrue(norm > 1e-6, "the gradient should not vanish, |g|^2 = " + norm);
  }

  @Test
  void deeperNetworkPassesTheGradientCheck() {
    Network net =
        Network.of(
            6,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(8, Activation.TANH),
            Dense.of(7, Activation.RELU),
            Dense.of(5, Activation.SIGMOID),
            Dense.of(3, Activation.SOFTMAX));
    assertEquals(6 * 8 + 8 + 8 * 7 + 7 + 7 * 5 + 5 + 5 * 3 + 3, net.numParams());
    SplittableRandom rnd = new SplittableRandom(6875);
    double[] p = randomParams(net, rnd);
    double[] x = randomInputs(net, BATCH, rnd);
    double[] y = randomTargets(net, BATCH, rnd);
    assertTrue(smallestReluPreActivation(net, p, x, BATCH) > 1e-3);
    GradientCheck.Result r = GradientCheck.check(net, p, x, y, BATCH, H);
    assertTrue(r.relativeError() < TOLERANCE, "relative error " + r.relativeError());
  }

  @Test
  void numericalGradientOfSumOfSquaresMatchesNumpy() {
    // function_2(x) = x0² + x1². With one zero input and two identity outputs, the biases b are the
    // outputs and the MSE loss against a zero target is ½(b0² + b1²) = function_2(b) / 2.
    Network net = Network.of(1, Loss.MSE, Dense.of(2, Activation.IDENTITY));
    double[][] points = {{3, 4}, {0, 2}, {3, 0}};
    double[][] expected = {{6, 8}, {0, 4}, {6, 0}};
    for (int k = 0; k < points.length; k++) {
      double[] p = {0.5, -0.25, points[k][0], points[k][1]}; // W (2x1), then b
      double[] g = GradientCheck.numericalGradient(net, p, new double[1], new double[2], 1, 1e-4);
      assertEquals(0, g[0], 1e-12);
      assertEquals(0, g[1], 1e-12);
      // numpy's central difference of x0² + x1² at (3, 4) with h = 1e-4 prints
      // [6.00000000000378, 7.999999999999119]; (0, 2) and (3, 0) likewise
      assertEquals(expected[k][0], 2 * g[2], 1e-9);
      assertEquals(expected[k][1], 2 * g[3], 1e-9);
      assertEquals(
          function2(points[k]) / 2,
          GradientCheck.meanLoss(net, p, new double[1], new double[2], 1),
          1e-15);
    }
  }

  private static double function2(double[] x) {
    return x[0] * x[0] + x[1] * x[1];
  }

  @Test
  void batchGradientEqualsSumOfSingleExampleGradients() {
    Network net =
        Network.of(
            4,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(5, Activation.TANH),
            Dense.of(6, Activation.RELU),
            Dense.of(3, Activation.SOFTMAX));
    SplittableRandom rnd = new SplittableRandom(99);
    int batch = 11;
    double[] p = randomParams(net, rnd);
    double[] x = randomInputs(net, batch, rnd);
    double[] y = randomTargets(net, batch, rnd);
    double[] whole = new double[net.numParams()];
    double lossWhole =
        net.gradient(p, BatchView.of(x, y, batch), whole, net.newWorkspace(batch), null);
    double[] sum = new double[net.numParams()];
    double lossSum = 0;
    Workspace one = net.newWorkspace(1);
    for (int j = 0; j < batch; j++) {
      // gradient() adds into its vector; each example from its own offset
      lossSum += net.gradient(p, BatchView.at(x, j * net.inputSize(), y, j, 1), sum, one, null);
    }
    assertEquals(lossSum, lossWhole, 1e-12 * Math.abs(lossSum));
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < sum.length; i++) {
      diff += (whole[i] - sum[i]) * (whole[i] - sum[i]);
      norm += sum[i] * sum[i];
    }
    assertTrue(
        Math.sqrt(diff) <= 1e-12 * Math.sqrt(norm),
        "relative difference " + Math.sqrt(diff / norm));
    assertEquals(
        lossWhole,
        net.loss(p, BatchView.of(x, y, batch), net.newWorkspace(batch)),
        1e-12 * lossWhole);
  }

  @Test
  void gradientAddsToTheGivenSumAndAnEmptyBatchAddsNothing() {
    Network net =
        Network.of(3, Loss.MSE, Dense.of(4, Activation.SIGMOID), Dense.of(2, Activation.IDENTITY));
    SplittableRandom rnd = new SplittableRandom(5);
    double[] p = randomParams(net, rnd);
    double[] x = randomInputs(net, 4, rnd);
    double[] y = randomTargets(net, 4, rnd);
    Workspace ws = net.newWorkspace(4);
    double[] once = new double[net.numParams()];
    net.gradient(p, BatchView.of(x, y, 4), once, ws, null);
    double[] twice = new double[net.numParams()];
    net.gradient(p, BatchView.of(x, y, 4), twice, ws, null);
    net.gradient(p, BatchView.of(x, y, 4), twice, ws, null);
    for (int i = 0; i < once.length; i++) {
      assertEquals(2 * once[i], twice[i], 1e-15 * Math.max(1, Math.abs(once[i])));
    }
    double[] before = twice.clone();
    assertEquals(0.0, net.gradient(p, BatchView.of(x, y, 0), twice, ws, null));
    assertArrayEquals(before, twice);
  }

  @Test
  void workspaceGrowsForLargerBatchesWithoutChangingResults() {
    Network net =
        Network.of(
            3,
            Loss.BINARY_CROSS_ENTROPY,
            Dense.of(4, Activation.RELU),
            Dense.of(2, Activation.SIGMOID));
    SplittableRandom rnd = new SplittableRandom(8);
    double[] p = randomParams(net, rnd);
    double[] x = randomInputs(net, 9, rnd);
    double[] y = randomTargets(net, 9, rnd);
    Workspace small = net.newWorkspace(2);
    net.loss(p, BatchView.of(x, y, 2), small);
    double[] g1 = new double[net.numParams()];
    double l1 = net.gradient(p, BatchView.of(x, y, 9), g1, small, null);
    double[] g2 = new double[net.numParams()];
    double l2 = net.gradient(p, BatchView.of(x, y, 9), g2, net.newWorkspace(9), null);
    assertEquals(l2, l1, 0);
    assertArrayEquals(g2, g1, 0);
  }
}

package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.DataBlocks;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.task.Task;

/**
 * Per-example weights: a batch's averaged gradient with integer weights equals that of the batch
 * with each row repeated weight-many times, weight 0 equals leaving the row out, and weights of 1
 * give exactly the unweighted numbers.
 */
class WeightedGradientTest {
  private static final int NF = 5;
  private static final int N = 12;

  private static Network network(Task task) {
    int outputs = task == Task.BINARY ? 1 : 3;
    return new Network(
        NF,
        List.of(new Dense(4, Activation.TANH), new Dense(outputs, task.defaultOutput())),
        task.loss());
  }

  private static double[][] rows(Task task, long seed) {
    Random r = new Random(seed);
    double[][] xy = new double[N][];
    int targets = task == Task.MULTICLASS || task == Task.BINARY ? 1 : 3;
    for (int i = 0; i < N; i++) {
      double[] row = new double[NF + targets];
      for (int j = 0; j < NF; j++) {
        row[j] = r.nextGaussian();
      }
      for (int t = 0; t < targets; t++) {
        row[NF + t] =
            switch (task) {
              case MULTICLASS -> r.nextInt(3);
              case BINARY, MULTILABEL -> r.nextInt(2);
              case REGRESSION -> r.nextGaussian();
            };
      }
      xy[i] = row;
    }
    return xy;
  }

  private static DataBlock block(List<double[]> rows) {
    int targets = rows.get(0).length - NF;
    double[][] x = rows.stream().map(r -> java.util.Arrays.copyOf(r, NF)).toArray(double[][]::new);
    double[][] y =
        rows.stream()
            .map(r -> java.util.Arrays.copyOfRange(r, NF, NF + targets))
            .toArray(double[][]::new);
    return DataBlocks.fromRows(x, y);
  }

  /** The block as one global batch: summed gradient, loss, count and weight total. */
  private static GradientSum oneBatch(Network net, double[] params, DataBlock b) {
    BatchPlan plan = BatchPlan.of(b, b.size(), b.size(), 1, 0);
    assertEquals(1, plan.numSteps());
    GradientSum sum = GradientSum.zero(net.numParams());
    BlockGradient.accumulate(net, params, b, plan, 0, net.newWorkspace(4), sum);
    return sum;
  }

  private static double[] mean(GradientSum s) {
    double[] g = s.grad().clone();
    for (int i = 0; i < g.length; i++) {
      g[i] /= s.weight();
    }
    return g;
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void integerWeightsEqualRepeatingRowsAndZeroEqualsLeavingOut(Task task) {
    Network net = network(task);
    double[] params = Initializer.GLOROT_UNIFORM.initialise(net, 3);
    double[][] xy = rows(task, 11);
    double[] w = {2, 0, 1, 3, 1, 0, 4, 1, 2, 1, 1, 3};
    List<double[]> all = List.of(xy);
    List<double[]> repeated = new ArrayList<>();
    List<double[]> nonZero = new ArrayList<>();
    double[] nonZeroWeights = new double[N];
    int kept = 0;
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < w[i]; k++) {
        repeated.add(xy[i]);
      }
      if (w[i] > 0) {
        nonZero.add(xy[i]);
        nonZeroWeights[kept++] = w[i];
      }
    }
    GradientSum weighted = oneBatch(net, params, block(all).withWeights(w));
    GradientSum copies = oneBatch(net, params, block(repeated));
    assertEquals(N, weighted.count());
    assertEquals(repeated.size(), weighted.weight());
    assertArrayEquals(mean(copies), mean(weighted), 1e-12);
    assertEquals(copies.lossSum() / copies.weight(), weighted.lossSum() / weighted.weight(), 1e-12);

    GradientSum leftOut =
        oneBatch(
            net, params, block(nonZero).withWeights(java.util.Arrays.copyOf(nonZeroWeights, kept)));
    assertArrayEquals(mean(leftOut), mean(weighted), 1e-12);
    assertEquals(leftOut.lossSum(), weighted.lossSum(), 1e-12);
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void weightsOfOneGiveExactlyTheUnweightedNumbers(Task task) {
    Network net = network(task);
    double[] params = Initializer.GLOROT_UNIFORM.initialise(net, 5);
    DataBlock plain = block(List.of(rows(task, 7)));
    double[] ones = new double[N];
    java.util.Arrays.fill(ones, 1.0);
    GradientSum a = oneBatch(net, params, plain);
    GradientSum b = oneBatch(net, params, plain.withWeights(ones));
    assertArrayEquals(a.grad(), b.grad(), 0.0);
    assertEquals(a.lossSum(), b.lossSum(), 0.0);
    assertEquals(a.weight(), b.weight(), 0.0);
    assertEquals(N, a.weight(), 0.0);
  }

  @ParameterizedTest
  @EnumSource(Task.class)
  void negativeOrNonFiniteWeightsAreRejected(Task task) {
    DataBlock b = block(List.of(rows(task, 1)));
    double[] w = new double[N];
    w[3] = -1;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.withWeights(w));
    assertEquals("example 3: expected a finite weight >= 0, found -1.0", e.getMessage());
    w[3] = Double.NaN;
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> b.withWeights(w))
            .getMessage()
            .endsWith("found NaN"));
  }
}

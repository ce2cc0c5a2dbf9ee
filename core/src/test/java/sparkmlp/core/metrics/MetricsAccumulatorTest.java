package sparkmlp.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.DataBlocks;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.task.Task;

class MetricsAccumulatorTest {

  @Test
  void regressionMetricsFromHandNumbers() {
    MetricsAccumulator acc = new MetricsAccumulator(Task.REGRESSION, 1, 0);
    double[] predicted = {1, 2, 3, 4};
    double[] target = {1.5, 2, 2, 5};
    acc.add(predicted, target, 0, 4, 1.125);
    Evaluation e = acc.result();
    // errors -0.5, 0, 1, -1: SSE 2.25, SAE 2.5; targets' mean 2.625, SST 7.6875
    assertEquals(0.5625, e.regression().mse(), 1e-16);
    assertEquals(0.625, e.regression().mae(), 1e-16);
    assertEquals(1 - 2.25 / 7.6875, e.regression().r2(), 1e-15);
    assertEquals(1.125 / 4, e.loss(), 0);
    assertEquals(4, e.count());
    assertNull(e.classification());
    assertTrue(Double.isNaN(e.accuracy()));
  }

  @Test
  void regressionPoolsOverOutputs() {
    MetricsAccumulator acc = new MetricsAccumulator(Task.REGRESSION, 2, 0);
    // two examples of two outputs: predictions [1, 10], [3, 10]; targets [2, 10], [3, 14]
    acc.add(new double[] {1, 10, 3, 10}, new double[] {2, 10, 3, 14}, 0, 2, 0);
    Evaluation e = acc.result();
    assertEquals((1 + 0 + 0 + 16) / 4.0, e.regression().mse(), 1e-16);
    assertEquals((1 + 0 + 0 + 4) / 4.0, e.regression().mae(), 1e-16);
    // SST per output: [2, 3] → 0.5; [10, 14] → 8
    assertEquals(1 - 17 / 8.5, e.regression().r2(), 1e-15);
  }

  @Test
  void multiclassBinaryAndMultilabelFillTheirConfusionMatrices() {
    MetricsAccumulator mc = new MetricsAccumulator(Task.MULTICLASS, 3, 3);
    mc.add(
        new double[] {0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6},
        new double[] {9, 1, 1, 2},
        1,
        3,
        3.0);
    assertArrayEquals(
        new long[][] {{0, 0, 0}, {1, 1, 0}, {0, 0, 1}}, mc.result().classification().confusion());
    MetricsAccumulator bin = new MetricsAccumulator(Task.BINARY, 1, 2);
    bin.add(new double[] {0.2, 0.5, 0.9, 0.49}, new double[] {0, 0, 1, 1}, 0, 4, 2.0);
    assertArrayEquals(new long[][] {{1, 1}, {1, 1}}, bin.result().classification().confusion());
    assertEquals(0.5, bin.result().accuracy());
    MetricsAccumulator ml = new MetricsAccumulator(Task.MULTILABEL, 2, 0);
    ml.add(new double[] {0.9, 0.1, 0.8, 0.7}, new double[] {1, 0, 0, 1}, 0, 2, 0);
    assertArrayEquals(new long[][] {{1, 1}, {0, 2}}, ml.result().classification().confusion());
  }

  @Test
  void sumsWrittenAndReadGiveTheSameEvaluationBitForBit() throws IOException {
    MetricsAccumulator mc = new MetricsAccumulator(Task.MULTICLASS, 3, 3);
    mc.add(
        new double[] {0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6},
        new double[] {1, 1, 2},
        0,
        3,
        1.1);
    MetricsAccumulator reg = new MetricsAccumulator(Task.REGRESSION, 2, 0);
    reg.add(new double[] {1, 10, 3, 10}, new double[] {2, 10, 3, 14}, 0, 2, 0.3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    mc.writeSums(out);
    reg.writeSums(out);
    // count and loss, then a 3×3 matrix of longs; count and loss, then 4 sums of 2 doubles
    assertEquals(16 + 9 * 8 + 16 + 8 * 8, bytes.size());
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    List<String> classes = List.of("a", "b", "c");
    assertEquals(
        mc.result().toJson(classes),
        MetricsAccumulator.readSums(in, Task.MULTICLASS, 3, 3).result().toJson(classes));
    assertEquals(
        reg.result().toJson(List.of()),
        MetricsAccumulator.readSums(in, Task.REGRESSION, 2, 0).result().toJson(List.of()));
  }

  @Test
  void mergeEqualsSingleAccumulation() {
    SplittableRandom rnd = new SplittableRandom(3);
    int n = 60;
    double[] out = new double[n * 3];
    double[] y = new double[n];
    double[] reg = new double[n * 2];
    double[] regY = new double[n * 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = rnd.nextDouble();
    }
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(3);
    }
    for (int i = 0; i < reg.length; i++) {
      reg[i] = rnd.nextGaussian();
      regY[i] = rnd.nextGaussian() + 3;
    }
    MetricsAccumulator whole = new MetricsAccumulator(Task.MULTICLASS, 3, 3);
    whole.add(out, y, 0, n, 12.5);
    MetricsAccumulator a = new MetricsAccumulator(Task.MULTICLASS, 3, 3);
    MetricsAccumulator b = new MetricsAccumulator(Task.MULTICLASS, 3, 3);
    a.add(java.util.Arrays.copyOfRange(out, 0, 3 * 25), y, 0, 25, 5.0);
    b.add(java.util.Arrays.copyOfRange(out, 3 * 25, 3 * n), y, 25, n - 25, 7.5);
    Evaluation merged = a.merge(b).result();
    assertArrayEquals(
        whole.result().classification().confusion(), merged.classification().confusion());
    assertEquals(whole.result().loss(), merged.loss(), 0);
    assertEquals(n, merged.count());

    MetricsAccumulator rw = new MetricsAccumulator(Task.REGRESSION, 2, 0);
    rw.add(reg, regY, 0, n, 0);
    MetricsAccumulator ra = new MetricsAccumulator(Task.REGRESSION, 2, 0);
    MetricsAccumulator rb = new MetricsAccumulator(Task.REGRESSION, 2, 0);
    ra.add(java.util.Arrays.copyOfRange(reg, 0, 2 * 17), regY, 0, 17, 0);
    rb.add(java.util.Arrays.copyOfRange(reg, 2 * 17, 2 * n), regY, 2 * 17, n - 17, 0);
    RegressionMetrics w = rw.result().regression();
    RegressionMetrics m = ra.merge(rb).result().regression();
    assertEquals(w.mse(), m.mse(), 1e-12 * w.mse());
    assertEquals(w.mae(), m.mae(), 1e-12 * w.mae());
    assertEquals(w.r2(), m.r2(), 1e-12);
  }

  @Test
  void evaluatorMatchesTheNetworksOwnLossAndArgmax() {
    Network net = Network.of(2, Loss.SOFTMAX_CROSS_ENTROPY, Dense.of(3, Activation.SOFTMAX));
    // weights pick class 0 for x0 > others, class 1 for x1, class 2 by bias alone
    double[] p = {4, 0, 0, 0, 4, 0, 0, 0, 1};
    DataBlock block =
        DataBlocks.fromRows(
            new double[][] {{1, 0}, {0, 1}, {0, 0}, {1, 0}}, new double[][] {{0}, {1}, {2}, {1}});
    Evaluation e = Evaluator.evaluate(net, Task.MULTICLASS, 3, p, block);
    assertEquals(0.75, e.accuracy());
    double lossSum =
        net.loss(p, BatchView.of(block.features(), block.targets(), 4), net.newWorkspace(4));
    assertEquals(lossSum / 4, e.loss(), 1e-15);
    com.fasterxml.jackson.databind.node.ObjectNode json = e.toJson(List.of("a", "b", "c"));
    assertEquals(4, json.get("examples").asLong());
    assertEquals(e.loss(), json.get("loss").asDouble(), 0);
    assertEquals(0.75, json.get("accuracy").asDouble(), 0);
    assertEquals(1, json.get("confusion_matrix").get(1).get(1).asLong());
    assertEquals(
        1,
        json.get("confusion_matrix")
            .get(1)
            .get(0)
            .asLong()); // the fourth example, a 1 taken for a 0
    assertEquals(
        "c", e.toJson(List.of("a", "b", "c")).get("per_class").get(2).get("class").asText());
  }

  @Test
  void emptyAccumulatorCannotProduceMetrics() {
    assertEquals(
        "cannot evaluate on zero examples",
        assertThrows(
                IllegalArgumentException.class,
                () -> new MetricsAccumulator(Task.BINARY, 1, 2).result())
            .getMessage());
  }
}

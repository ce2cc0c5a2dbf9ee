package sparkmlp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.task.Task;

class ModelFileTest {

  static Model randomBinaryModel(String trainingJson) {
    Network net =
        Network.of(
            5,
            Loss.BINARY_CROSS_ENTROPY,
            Dense.of(7, Activation.RELU),
            Dense.of(4, Activation.TANH),
            Dense.of(1, Activation.SIGMOID));
    SplittableRandom rnd = new SplittableRandom(2024);
    double[] p = new double[net.numParams()];
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextGaussian() / 3; // arbitrary doubles, all 64 bits significant
    }
    FeatureStats stats = new FeatureStats(5);
    for (int i = 0; i < 50; i++) {
      double[] row = new double[5];
      for (int j = 0; j < 5; j++) {
        row[j] = rnd.nextGaussian() * (j + 1) + 10 * j;
      }
      stats.add(row, 0);
    }
    return new Model(
        net,
        Task.BINARY,
        p,
        new Model.Features(
            Normalizer.fit(Normalizer.Kind.MINMAX, stats), List.of("a", "b", "c", "d", "e"), null),
        List.of("no", "yes"),
        trainingJson);
  }

  private static Model roundTrip(Model m) throws IOException {
    return ModelFile.read(new ByteArrayInputStream(ModelFixtures.bytes(m)), "roundtrip.mlp");
  }

  @Test
  void saveThenLoadGivesAnEqualModelAndBitIdenticalPredictions() throws IOException {
    Model m =
        randomBinaryModel(
            "{\"epochs\":12,\"optimizer\":{\"id\":\"adam\",\"lr\":0.001},\"final_loss\":0.1234567890123}");
    Model back = roundTrip(m);
    assertEquals(m, back);
    assertEquals(m.hashCode(), back.hashCode());
    assertArrayEquals(m.params(), back.params(), 0);
    SplittableRandom rnd = new SplittableRandom(1);
    double[][] rows = new double[600][5]; // more than one prediction batch of 512
    for (double[] r : rows) {
      for (int j = 0; j < 5; j++) {
        r[j] = rnd.nextGaussian() * 5 + 10 * j;
      }
    }
    double[][] a = m.predict(rows);
    double[][] b = back.predict(rows);
    for (int i = 0; i < rows.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits(a[i][0]), Double.doubleToRawLongBits(b[i][0]), "row " + i);
    }
  }

  @Test
  void roundTripKeepsAnyTrainingSummaryEqual() throws IOException {
    // A summary written with spaces and line breaks must not make the loaded model "different".
    Model m = randomBinaryModel("{\n  \"epochs\": 3,\n  \"note\": \"pretty-printed\"\n}");
    assertEquals(m, roundTrip(m));
  }

  @Test
  void modelIsImmutable() {
    Model m = randomBinaryModel("{}");
    double[] p = m.params();
    p[0] = 1e9;
    assertNotSame(p, m.params());
    assertEquals(randomBinaryModel("{}").params()[0], m.params()[0]);
  }

  @Test
  void inconsistentModelsAreRejected() {
    Model m = randomBinaryModel("{}");
    assertEquals(
        "task multiclass cannot use a sigmoid output; expected softmax",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Model(
                        m.network(),
                        Task.MULTICLASS,
                        m.params(),
                        new Model.Features(m.normalizer(), m.featureNames(), null),
                        m.labelNames(),
                        "{}"))
            .getMessage());
    assertEquals(
        "network 5-7(relu)-4(tanh)-1(sigmoid), binary-cross-entropy needs 79 parameters, found 3",
        assertThrows(IllegalArgumentException.class, () -> m.with(new double[3], "{}"))
            .getMessage());
    assertEquals(
        "expected 5 feature names, found 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Model(
                        m.network(),
                        Task.BINARY,
                        m.params(),
                        new Model.Features(m.normalizer(), List.of("a"), null),
                        m.labelNames(),
                        "{}"))
            .getMessage());
    assertEquals(
        "task binary with 1 outputs needs 2 label names, found 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Model(
                        m.network(),
                        Task.BINARY,
                        m.params(),
                        new Model.Features(m.normalizer(), m.featureNames(), null),
                        List.of("yes"),
                        "{}"))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> m.with(m.params(), "{\"epochs\": 3,"))
            .getMessage()
            .startsWith("training summary is not valid JSON: "));
    assertEquals(
        "{\"a\":[1,2.5,\"x\"]}",
        m.with(m.params(), " { \"a\" : [ 1, 2.5, \"x\" ] } ").trainingJson());
    assertEquals("{}", m.with(m.params(), null).trainingJson());
    assertEquals(
        "row 0, feature 'c': expected a finite number, found NaN",
        assertThrows(
                IllegalArgumentException.class,
                () -> m.predict(new double[][] {{1, 2, Double.NaN, 4, 5}}))
            .getMessage());
    assertEquals(
        "row 1: expected 5 features, found 4",
        assertThrows(
                IllegalArgumentException.class,
                () -> m.predict(new double[][] {{1, 2, 3, 4, 5}, {1, 2, 3, 4}}))
            .getMessage());
  }
}

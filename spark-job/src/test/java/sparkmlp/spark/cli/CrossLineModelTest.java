package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.core.model.Model;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.SparkLine;
import sparkmlp.spark.TestData;
import sparkmlp.spark.store.ModelStore;

/**
 * Model files do not depend on the Spark line: the committed fixtures, iris models trained by the
 * job jar of Spark 3.5.7 (Scala 2.12) and of Spark 4.2.0 (Scala 2.13) with the same config (see
 * src/test/resources/cross-line/make-fixture.sh), load, evaluate and warm-start on whichever line
 * runs this suite, and this line trains the same weights again. The suite runs on both lines
 * (bin/test), so each line reads the other's file.
 */
class CrossLineModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRAIN = TestData.dataset("iris", "train.csv");
  private static final String TEST = TestData.dataset("iris", "test.csv");

  /** The losses both lines logged while making the fixtures (identical to the last digit). */
  private static final double[] FIXTURE_EPOCH_LOSSES = {
    0.6061245151645959,
    0.38183738100107917,
    0.323767376361844,
    0.28283096105066635,
    0.2488641492285874
  };

  private static String fixture(String line) {
    try {
      return Path.of(
              CrossLineModelTest.class.getResource("/cross-line/model-" + line + ".mlp").toURI())
          .toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Model load(String path) {
    return ModelStore.load(new Configuration(), path);
  }

  private static JsonNode training(Model model) throws Exception {
    return JSON.readTree(model.trainingJson());
  }

  private static double[] epochLosses(Model model) throws Exception {
    List<Double> losses = new ArrayList<>();
    training(model).get("epochs").forEach(e -> losses.add(e.get("loss").asDouble()));
    return losses.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** mlp train on iris as make-fixture.sh runs it, plus {@code extra}. */
  private static CliRunner.Run train(Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--config",
                TestData.conf("iris.conf"),
                "--output",
                out.toString(),
                "--set",
                "data.train=" + TRAIN,
                "--set",
                "data.test=",
                "--set",
                "train.epochs=5",
                "--set",
                "log.progress=never"));
    args.addAll(List.of(extra));
    return CliRunner.mlp(args.toArray(String[]::new));
  }

  @Test
  void fixturesCameFromBothLinesAndHoldTheSameWeights() throws Exception {
    Model spark35 = load(fixture("spark-3.5"));
    Model spark42 = load(fixture("spark-4.2"));
    assertEquals("3.5.7", training(spark35).get("spark").get("version").asText());
    assertEquals("4.2.0", training(spark42).get("spark").get("version").asText());
    assertEquals(131, spark35.params().length);
    assertArrayEquals(spark35.params(), spark42.params(), 0.0);
    assertArrayEquals(FIXTURE_EPOCH_LOSSES, epochLosses(spark35), 0.0);
    assertArrayEquals(FIXTURE_EPOCH_LOSSES, epochLosses(spark42), 0.0);
  }

  @Test
  void thisLineTrainsTheFixtureWeightsAgain(@TempDir Path dir) throws Exception {
    CliRunner.Run run = train(dir.resolve("iris"));
    assertEquals(0, run.exitCode(), run.err());
    Model trained = load(dir.resolve("iris").toString());
    assertEquals(SparkLine.SPARK, SharedSpark.session().version());
    assertEquals(SparkLine.SPARK, training(trained).get("spark").get("version").asText());
    assertArrayEquals(load(fixture("spark-3.5")).params(), trained.params(), 1e-9);
    assertArrayEquals(FIXTURE_EPOCH_LOSSES, epochLosses(trained), 1e-9);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark-3.5", "spark-4.2"})
  void eachLinesModelEvaluatesTheSame(String line) throws Exception {
    CliRunner.Run run = CliRunner.mlp("evaluate", "--model", fixture(line), "--data", TEST);
    assertEquals(0, run.exitCode(), run.err());
    JsonNode metrics = JSON.readTree(run.out());
    assertEquals(30, metrics.get("examples").asLong());
    // Recorded on Spark 3.5.7 from the 3.5 fixture; every line and fixture must give the same.
    assertEquals("[[10,0,0],[0,8,2],[0,0,10]]", metrics.get("confusion_matrix").toString());
    assertEquals(28 / 30.0, metrics.get("accuracy").asDouble(), 1e-15);
    assertEquals(0.19460182396066156, metrics.get("loss").asDouble(), 1e-12);
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark-3.5", "spark-4.2"})
  void eachLinesModelWarmStartsTheSame(String line, @TempDir Path dir) throws Exception {
    CliRunner.Run run =
        train(dir.resolve("warm"), "--init-model", fixture(line), "--set", "train.epochs=2");
    assertEquals(0, run.exitCode(), run.err());
    Model warm = load(dir.resolve("warm").toString());
    assertEquals(fixture(line), training(warm).get("init_model").asText());
    // Recorded on Spark 3.5.7 from the 3.5 fixture: two more epochs continue from 0.2489 (epoch 5).
    assertArrayEquals(
        new double[] {0.2357361920175532, 0.18916813507517266}, epochLosses(warm), 1e-12);
  }
}

package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkmlp.spark.TestData;

/**
 * {@code mlp train} then {@code mlp evaluate} on each bundled dataset, with the test accuracy each
 * must reach.
 */
class TrainEvaluateTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({"iris, 0.93", "breast-cancer, 0.95", "digits, 0.95"})
  void trainThenEvaluateReachesTestAccuracy(String dataset, double minAccuracy, @TempDir Path out)
      throws Exception {
    CliRunner.Run train =
        CliRunner.mlp(
            "train",
            "--config",
            TestData.conf(dataset + ".conf"),
            "--output",
            out.toString(),
            "--set",
            "log.progress=never",
            "--set",
            "data.train=" + TestData.dataset(dataset, "train.csv"),
            "--set",
            "data.test=" + TestData.dataset(dataset, "test.csv"));
    assertEquals(0, train.exitCode(), train.err());
    assertTrue(Files.exists(out.resolve("model.mlp")));
    assertTrue(Files.exists(out.resolve("summary.json")));
    assertTrue(Files.size(out.resolve("history.png")) > 1000);
    assertTrue(Files.readAllLines(out.resolve("metrics.jsonl")).size() >= 1);

    CliRunner.Run eval =
        CliRunner.mlp(
            "evaluate",
            "--config",
            TestData.conf(dataset + ".conf"),
            "--model",
            out.toString(),
            "--data",
            TestData.dataset(dataset, "test.csv"),
            "--output",
            out.resolve("test-metrics.json").toString());
    assertEquals(0, eval.exitCode(), eval.err());
    JsonNode metrics = new ObjectMapper().readTree(eval.out());
    double accuracy = metrics.get("accuracy").asDouble();
    assertTrue(
        accuracy >= minAccuracy, dataset + " test accuracy " + accuracy + " < " + minAccuracy);
    assertEquals(
        TestData.rows(TestData.dataset(dataset, "test.csv")).size(),
        metrics.get("examples").asLong());
    long confusionTotal = 0;
    for (JsonNode row : metrics.get("confusion_matrix")) {
      for (JsonNode v : row) {
        confusionTotal += v.asLong();
      }
    }
    assertEquals(metrics.get("examples").asLong(), confusionTotal);
    assertEquals(metrics, new ObjectMapper().readTree(out.resolve("test-metrics.json").toFile()));
    // The summary's test metrics (computed by train) agree with evaluate's.
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(accuracy, summary.get("test").get("accuracy").asDouble(), 1e-12);
  }
}

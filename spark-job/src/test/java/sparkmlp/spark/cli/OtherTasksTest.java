package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.spark.TestData;

/** Regression and multilabel through the whole job: train, evaluate, inspect. */
class OtherTasksTest {
  @Test
  void regressionLearnsALinearTarget(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("a,b,y\n");
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 400; i++) {
      double a = r.nextDouble(-1, 1);
      double b = r.nextDouble(-1, 1);
      csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f%n", a, b, 2 * a - b + 0.5));
    }
    Path data = TestData.write(dir, "reg.csv", csv.toString());
    Path out = dir.resolve("model");
    CliRunner.Run train =
        CliRunner.mlp(
            "train",
            "--set",
            "data.train=" + data,
            "--set",
            "data.label-column=y",
            "--set",
            "model.task=regression",
            "--set",
            "model.hidden-layers=[8]",
            "--set",
            "model.hidden-activation=tanh",
            "--set",
            "train.epochs=40",
            "--set",
            "train.batch-size=32",
            "--set",
            "train.optimizer.learning-rate=0.01",
            "--set",
            "output.dir=" + out,
            "--set",
            "log.progress=never");
    assertEquals(0, train.exitCode(), train.err());
    CliRunner.Run eval =
        CliRunner.mlp("evaluate", "--model", out.toString(), "--data", data.toString());
    assertEquals(0, eval.exitCode(), eval.err());
    JsonNode m = new ObjectMapper().readTree(eval.out());
    assertTrue(m.get("r2").asDouble() > 0.99, "R² = " + m.get("r2"));
    assertTrue(m.get("mse").asDouble() < 0.02, "MSE = " + m.get("mse"));
    assertEquals(400, m.get("examples").asLong());
  }

  @Test
  void multilabelLearnsTwoIndependentLabels(@TempDir Path dir) throws Exception {
    StringBuilder csv = new StringBuilder("a,b,pos_a,pos_b\n");
    SplittableRandom r = new SplittableRandom(5);
    for (int i = 0; i < 400; i++) {
      double a = r.nextDouble(-1, 1);
      double b = r.nextDouble(-1, 1);
      csv.append(
          String.format(Locale.ROOT, "%.6f,%.6f,%d,%d%n", a, b, a > 0 ? 1 : 0, b > 0 ? 1 : 0));
    }
    Path data = TestData.write(dir, "ml.csv", csv.toString());
    Path out = dir.resolve("model");
    CliRunner.Run train =
        CliRunner.mlp(
            "train",
            "--set",
            "data.train=" + data,
            "--set",
            "data.label-columns=[pos_a,pos_b]",
            "--set",
            "model.task=multilabel",
            "--set",
            "model.hidden-layers=[8]",
            "--set",
            "train.epochs=30",
            "--set",
            "train.batch-size=32",
            "--set",
            "train.optimizer.learning-rate=0.01",
            "--set",
            "output.dir=" + out,
            "--set",
            "log.progress=never");
    assertEquals(0, train.exitCode(), train.err());
    CliRunner.Run eval =
        CliRunner.mlp("evaluate", "--model", out.toString(), "--data", data.toString());
    assertEquals(0, eval.exitCode(), eval.err());
    JsonNode m = new ObjectMapper().readTree(eval.out());
    assertTrue(m.get("accuracy").asDouble() > 0.95, "element-wise accuracy " + m.get("accuracy"));
    CliRunner.Run inspect = CliRunner.mlp("inspect", out.toString());
    JsonNode j = new ObjectMapper().readTree(inspect.out());
    assertEquals("2-8(relu)-2(sigmoid), binary-cross-entropy", j.get("network_summary").asText());
    assertEquals("[\"pos_a\",\"pos_b\"]", j.get("labels").toString());
  }
}

package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.model.Model;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.TestData;
import sparkmlp.spark.store.ModelStore;

/** Batch scoring to CSV and Parquet, and the divergence guard. */
class PredictAndDivergenceTest {
  @TempDir static Path dir;
  private static Path model;
  private static final String TEST = TestData.dataset("iris", "test.csv");

  @BeforeAll
  static void trainIris() {
    model = dir.resolve("iris");
    CliRunner.Run r =
        CliRunner.mlp(
            "train",
            "--config",
            TestData.conf("iris.conf"),
            "--output",
            model.toString(),
            "--set",
            "data.train=" + TestData.dataset("iris", "train.csv"),
            "--set",
            "data.test=",
            "--set",
            "train.epochs=10",
            "--set",
            "log.progress=never");
    assertEquals(0, r.exitCode(), r.err());
  }

  @Test
  void predictWritesOneRowPerExampleWithClassProbabilities() throws Exception {
    Path out = dir.resolve("pred.csv");
    CliRunner.Run r =
        CliRunner.mlp(
            "predict", "--model", model.toString(), "--data", TEST, "--output", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    Path part;
    try (Stream<Path> files = Files.list(out)) {
      part =
          files
              .filter(
                  p ->
                      p.getFileName().toString().startsWith("part-")
                          && p.toString().endsWith(".csv"))
              .findFirst()
              .orElseThrow();
    }
    List<String> lines = Files.readAllLines(part);
    assertEquals("row,prediction,prob_setosa,prob_versicolor,prob_virginica", lines.get(0));
    assertEquals(TestData.rows(TEST).size(), lines.size() - 1);

    // The same numbers as the model computes in-process, for every row.
    Model m = ModelStore.load(new org.apache.hadoop.conf.Configuration(), model.toString());
    List<String[]> rows = TestData.rows(TEST);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      String[] src = rows.get(Integer.parseInt(f[0]));
      double[] x = new double[4];
      for (int j = 0; j < 4; j++) {
        x[j] = Double.parseDouble(src[j]);
      }
      double[] p = m.predict(new double[][] {x})[0];
      assertEquals(m.labelNames().get(m.classOf(p)), f[1]);
      for (int k = 0; k < 3; k++) {
        assertEquals(p[k], Double.parseDouble(f[2 + k]), 1e-12);
      }
    }

    CliRunner.Run again =
        CliRunner.mlp(
            "predict", "--model", model.toString(), "--data", TEST, "--output", out.toString());
    assertEquals(3, again.exitCode());
    assertEquals(
        "error: --output: " + out + " exists; choose another folder or add --overwrite",
        again.errorLine());
  }

  @Test
  void predictToParquetReadsBackWithSpark() {
    Path out = dir.resolve("pred.parquet");
    CliRunner.Run r =
        CliRunner.mlp(
            "predict", "--model", model.toString(), "--data", TEST, "--output", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<Row> rows =
        SharedSpark.session().read().parquet(out.toString()).orderBy("row").collectAsList();
    assertEquals(TestData.rows(TEST).size(), rows.size());
    assertEquals(0L, rows.get(0).getLong(0));
    double sum = rows.get(0).getDouble(2) + rows.get(0).getDouble(3) + rows.get(0).getDouble(4);
    assertEquals(1.0, sum, 1e-12);
  }

  @Test
  void hugeLearningRateStopsWithEpochAndStepAndKeepsLastGoodCheckpoint() throws Exception {
    Path out = dir.resolve("diverged");
    CliRunner.Run r =
        CliRunner.mlp(
            "train",
            "--config",
            TestData.conf("iris.conf"),
            "--output",
            out.toString(),
            "--set",
            "data.train=" + TestData.dataset("iris", "train.csv"),
            "--set",
            "data.test=",
            "--set",
            "model.hidden-activation=relu",
            "--set",
            "train.optimizer.name=sgd",
            "--set",
            "train.optimizer.learning-rate=1e12",
            "--set",
            "train.checkpoint.every-steps=1",
            "--set",
            "log.progress=never");
    assertEquals(4, r.exitCode(), r.err());
    assertTrue(
        r.errorLine()
            .matches(
                "error: training diverged: (the loss is (NaN|Infinity)|a weight became (NaN|-?Infinity))"
                    + " at epoch \\d+, step \\d+; lower the learning rate \\(the last good checkpoint is kept\\)"),
        r.errorLine());
    assertFalse(Files.exists(out.resolve("model.mlp")));
    Path checkpoints = out.resolve("checkpoints");
    if (Files.exists(checkpoints)) {
      try (Stream<Path> files = Files.list(checkpoints)) {
        for (Path p : files.filter(p -> p.toString().endsWith(".ckpt")).toList()) {
          try (var in = Files.newInputStream(p)) {
            double[] w = sparkmlp.core.train.CheckpointFile.read(in, p.toString()).state().params;
            assertTrue(
                java.util.Arrays.stream(w).allMatch(Double::isFinite),
                p + " holds non-finite weights");
          }
        }
      }
    }
    assertArrayEquals(new byte[0], new byte[0]);
  }
}

package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.model.Model;
import sparkmlp.spark.store.ModelStore;

/** {@code mlp export}: an ONNX file that ONNX Runtime runs to the model's own predictions. */
class ExportCommandTest {
  @TempDir static Path dir;
  private static Path modelDir;
  private static Model model;
  private static double[][] irisTest;

  @BeforeAll
  static void saveModel() {
    model = TestModels.iris();
    modelDir = dir.resolve("iris-model");
    ModelStore.save(new Configuration(), modelDir.toString(), model);
    irisTest = TestModels.irisTestRows();
  }

  @Test
  void exportsAFileOnnxRuntimeRunsToTheModelsPredictions() throws Exception {
    Path out = dir.resolve("float.onnx");
    CliRunner.Run r =
        CliRunner.mlp(
            "export",
            "--model",
            modelDir.toString(),
            "--format",
            "onnx",
            "--output",
            out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "wrote " + out + " (ONNX opset 17, float, " + Files.size(out) + " bytes)", r.out().strip());
    float[][] x = new float[irisTest.length][4];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = (float) irisTest[i][j];
      }
    }
    double[][] want = model.predict(irisTest);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(out.toString(), new OrtSession.SessionOptions());
        OnnxTensor t = OnnxTensor.createTensor(env, x);
        OrtSession.Result res = s.run(Map.of("features", t))) {
      float[][] got = (float[][]) res.get("probabilities").orElseThrow().getValue();
      long[] label = (long[]) res.get("label").orElseThrow().getValue();
      for (int i = 0; i < x.length; i++) {
        for (int k = 0; k < 3; k++) {
          assertEquals(want[i][k], got[i][k], 1e-4, "row " + i);
        }
        assertEquals(model.classOf(want[i]), label[i], "row " + i);
      }
    }
    assertEquals(List.of(), hiddenFiles(dir), "no temporary file is left behind");
  }

  @Test
  void doublePrecisionMatchesToOneInAMillion() throws Exception {
    Path out = dir.resolve("double.onnx");
    CliRunner.Run r =
        CliRunner.mlp(
            "export",
            "--model",
            modelDir.resolve("model.mlp").toString(),
            "--output",
            out.toString(),
            "--precision",
            "double");
    assertEquals(0, r.exitCode(), r.err());
    double[][] want = model.predict(irisTest);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(out.toString(), new OrtSession.SessionOptions());
        OnnxTensor t = OnnxTensor.createTensor(env, irisTest);
        OrtSession.Result res = s.run(Map.of("features", t))) {
      double[][] got = (double[][]) res.get("probabilities").orElseThrow().getValue();
      for (int i = 0; i < irisTest.length; i++) {
        for (int k = 0; k < 3; k++) {
          assertEquals(want[i][k], got[i][k], 1e-6, "row " + i);
        }
      }
    }
  }

  @Test
  void missingModelIsOneLineExitThreeAndNothingWritten() throws Exception {
    Path out = dir.resolve("none.onnx");
    Path missing = dir.resolve("no-such-model");
    CliRunner.Run r =
        CliRunner.mlp("export", "--model", missing.toString(), "--output", out.toString());
    assertEquals(3, r.exitCode());
    assertEquals(
        "error: no model at " + missing + " (expected a .mlp file or a folder holding model.mlp)",
        r.err().strip());
    assertFalse(Files.exists(out));
  }

  @Test
  void unknownFormatOrPrecisionIsAUsageError() {
    Path out = dir.resolve("x.onnx");
    CliRunner.Run f =
        CliRunner.mlp(
            "export",
            "--model",
            modelDir.toString(),
            "--format",
            "pmml",
            "--output",
            out.toString());
    assertEquals(2, f.exitCode());
    assertEquals("error: --format: expected onnx, found 'pmml'", f.err().lines().findFirst().get());
    CliRunner.Run p =
        CliRunner.mlp(
            "export",
            "--model",
            modelDir.toString(),
            "--output",
            out.toString(),
            "--precision",
            "half");
    assertEquals(2, p.exitCode());
    assertEquals(
        "error: --precision: expected float or double, found 'half'",
        p.err().lines().findFirst().get());
    assertFalse(Files.exists(out));
  }

  private static List<String> hiddenFiles(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }
}

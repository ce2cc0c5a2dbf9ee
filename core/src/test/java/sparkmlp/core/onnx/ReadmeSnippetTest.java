package sparkmlp.core.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;

/**
 * The ONNX Runtime snippet in docs/cli.md's {@code mlp export} section runs, and that page shows
 * exactly the code between the markers below.
 */
class ReadmeSnippetTest {
  private static final String BEGIN = "// docs snippet begin";
  private static final String END = "// docs snippet end";

  // docs snippet begin
  static long classify(String file, float[] features) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(file, new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, new float[][] {features});
        OrtSession.Result result = session.run(Map.of("features", input))) {
      float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
      System.out.println(Arrays.toString(probabilities[0]));
      return ((long[]) result.get("label").orElseThrow().getValue())[0];
    }
  }

  // docs snippet end

  @Test
  void snippetClassifiesAsTheModelDoes(@TempDir Path dir) throws Exception {
    OnnxFixtures.Data iris = OnnxFixtures.load("iris");
    Model m =
        OnnxFixtures.model(
            iris,
            Task.MULTICLASS,
            3,
            Activation.RELU,
            Activation.SOFTMAX,
            Normalizer.Kind.STANDARD,
            42);
    Path file = dir.resolve("iris.onnx");
    Files.write(file, OnnxExporter.export(m, OnnxOptions.defaults()));
    double[][] rows = iris.batch(iris.rows().length);
    double[][] want = m.predict(rows);
    for (int i = 0; i < rows.length; i += 10) {
      float[] f = new float[4];
      for (int j = 0; j < 4; j++) {
        f[j] = (float) rows[i][j];
      }
      assertEquals(m.classOf(want[i]), classify(file.toString(), f), "row " + i);
    }
  }

  @Test
  void cliDocShowsTheSnippetAsTested() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    root = Files.isDirectory(root.resolve("datasets")) ? root : root.getParent();
    String source =
        Files.readString(
            root.resolve("core/src/test/java/sparkmlp/core/onnx/ReadmeSnippetTest.java"));
    int from = source.indexOf(BEGIN + "\n") + BEGIN.length() + 1;
    String snippet = source.substring(from, source.indexOf("\n\n  " + END)).stripIndent();
    String doc = Files.readString(root.resolve("docs/cli.md"));
    assertTrue(
        doc.contains("```java\n" + snippet + "\n```\n"),
        "docs/cli.md must show, in a ```java block:\n" + snippet);
  }
}

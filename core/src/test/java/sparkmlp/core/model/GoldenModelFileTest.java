package sparkmlp.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkmlp.core.format.Container;
import sparkmlp.core.task.Task;

/**
 * The committed golden model file: today's reader must read it and today's writer must reproduce
 * it.
 */
class GoldenModelFileTest {

  static byte[] golden() throws IOException {
    try (InputStream in =
        GoldenModelFileTest.class.getResourceAsStream(ModelFixtures.GOLDEN_RESOURCE)) {
      assertNotNull(in, "missing test resource " + ModelFixtures.GOLDEN_RESOURCE);
      return in.readAllBytes();
    }
  }

  @Test
  void goldenFileReadsAsTheFixtureModel() throws IOException {
    Model m = ModelFile.read(new ByteArrayInputStream(golden()), "iris-tiny.mlp");
    assertEquals(ModelFixtures.irisTiny(), m);
    double[] p = m.params();
    assertEquals(27, p.length);
    for (int i = 0; i < p.length; i++) {
      assertEquals((i - 13) / 16.0, p[i], 0, "parameter " + i);
    }
    assertEquals(Task.MULTICLASS, m.task());
    assertEquals("4-3(tanh)-3(softmax), softmax-cross-entropy", m.network().toString());
    assertArrayEquals(new double[] {5.8, 3.0, 3.75, 1.2}, m.normalizer().shift(), 0);
    assertArrayEquals(new double[] {1.25, 2.0, 0.5, 1.25}, m.normalizer().scale(), 0);
    assertEquals(
        List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"),
        m.featureNames());
    assertEquals(List.of("setosa", "versicolor", "virginica"), m.labelNames());
    assertEquals(
        "{\"fixture\":\"iris-tiny\",\"weights\":\"(i - 13) / 16\",\"trained\":false}",
        m.trainingJson());
  }

  @Test
  void goldenFileLayoutIsMagicVersionHeaderArraysChecksum() throws IOException {
    byte[] g = golden();
    assertEquals("SPARKMLP", new String(g, 0, 8, StandardCharsets.US_ASCII));
    ByteBuffer b = ByteBuffer.wrap(g).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1, b.getInt(8));
    int len = b.getInt(12);
    assertEquals(520, len);
    assertEquals(16 + len + 27 * 8 + 4, g.length);
    // the first parameter, -13/16, little-endian right after the header
    assertEquals(-13 / 16.0, b.getDouble(16 + len), 0);
    JsonNode h = Container.open(new ByteArrayInputStream(g), "golden").header();
    assertEquals("model", h.get("kind").asText());
    assertEquals(27, h.get("network").get("parameters").asInt());
    assertEquals("[{\"name\":\"params\",\"length\":27}]", h.get("arrays").toString());
  }

  @Test
  void writerReproducesTheGoldenFileByteForByte() throws IOException {
    byte[] written = ModelFixtures.bytes(ModelFixtures.irisTiny());
    assertEquals(golden().length, written.length, "file length changed");
    assertArrayEquals(
        golden(),
        written,
        "the model file format changed; if on purpose, regenerate with GoldenModelFileGenerator and bump the version");
  }

  @Test
  void goldenModelPredictsWhatAHandForwardPassGives() throws IOException {
    Model m = ModelFile.read(new ByteArrayInputStream(golden()), "iris-tiny.mlp");
    double[] raw = {6.3, 2.5, 5.0, 1.9};
    double[] shift = {5.8, 3.0, 3.75, 1.2};
    double[] scale = {1.25, 2.0, 0.5, 1.25};
    double[] x = new double[4];
    for (int j = 0; j < 4; j++) {
      x[j] = (raw[j] - shift[j]) * scale[j];
    }
    double[] w = m.params();
    double[] h = new double[3];
    for (int u = 0; u < 3; u++) {
      double z = w[12 + u];
      for (int i = 0; i < 4; i++) {
        z += w[u + 3 * i] * x[i];
      }
      h[u] = Math.tanh(z);
    }
    double[] z = new double[3];
    double max = Double.NEGATIVE_INFINITY;
    for (int u = 0; u < 3; u++) {
      z[u] = w[24 + u];
      for (int i = 0; i < 3; i++) {
        z[u] += w[15 + u + 3 * i] * h[i];
      }
      max = Math.max(max, z[u]);
    }
    double s = 0;
    for (int u = 0; u < 3; u++) {
      s += Math.exp(z[u] - max);
    }
    double[] out = m.predict(new double[][] {raw})[0];
    for (int u = 0; u < 3; u++) {
      assertEquals(Math.exp(z[u] - max) / s, out[u], 1e-15, "probability of class " + u);
    }
    assertEquals(2, m.classOf(out));
  }

  static byte[] goldenV2() throws IOException {
    try (InputStream in =
        GoldenModelFileTest.class.getResourceAsStream(ModelFixtures.GOLDEN_V2_RESOURCE)) {
      assertNotNull(in, "missing test resource " + ModelFixtures.GOLDEN_V2_RESOURCE);
      return in.readAllBytes();
    }
  }

  @Test
  void headerVersion2GoldenFileReadsWithItsDropoutLayer() throws IOException {
    Model m = ModelFile.read(new ByteArrayInputStream(goldenV2()), "iris-tiny-dropout.mlp");
    assertEquals(ModelFixtures.irisTinyDropout(), m);
    assertEquals(
        "4-3(tanh)-dropout(0.25)-3(softmax), softmax-cross-entropy", m.network().toString());
    JsonNode h = Container.open(new ByteArrayInputStream(goldenV2()), "golden").header();
    assertEquals(2, h.get("header-version").asInt());
    assertEquals("{\"dropout\":0.25}", h.get("network").get("layers").get(1).toString());
    assertEquals(1, ByteBuffer.wrap(goldenV2()).order(ByteOrder.LITTLE_ENDIAN).getInt(8));
    // inference ignores dropout: the same weights predict what the version-1 golden model does
    Model v1 = ModelFile.read(new ByteArrayInputStream(golden()), "iris-tiny.mlp");
    double[][] raw = {{6.3, 2.5, 5.0, 1.9}, {5.1, 3.5, 1.4, 0.2}};
    assertArrayEquals(v1.predict(raw)[0], m.predict(raw)[0], 0);
    assertArrayEquals(v1.predict(raw)[1], m.predict(raw)[1], 0);
  }

  @Test
  void writerReproducesTheVersion2GoldenFileByteForByte() throws IOException {
    assertArrayEquals(
        goldenV2(),
        ModelFixtures.bytes(ModelFixtures.irisTinyDropout()),
        "the model file format changed; if on purpose, regenerate with GoldenModelFileGenerator and bump the version");
  }
}

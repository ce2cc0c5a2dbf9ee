package sparkmlp.core.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Dropout;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.task.Task;

/** Fixed models and raw container bytes for the model-file tests. */
final class ModelFixtures {
  static final String GOLDEN_RESOURCE = "/golden/iris-tiny.mlp";
  static final String GOLDEN_SOURCE_PATH = "src/test/resources/golden/iris-tiny.mlp";
  static final String GOLDEN_V2_RESOURCE = "/golden/iris-tiny-dropout.mlp";
  static final String GOLDEN_V2_SOURCE_PATH = "src/test/resources/golden/iris-tiny-dropout.mlp";

  private ModelFixtures() {}

  /**
   * The model behind the golden file: iris-shaped 4-3(tanh)-3(softmax) with weights (i − 13) / 16
   * (exact in binary), a standard normaliser with round numbers, and the iris names. Never trained;
   * only the format matters.
   */
  static Model irisTiny() {
    return irisTiny(
        Network.of(
            4,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(3, Activation.TANH),
            Dense.of(3, Activation.SOFTMAX)),
        "{\"fixture\":\"iris-tiny\",\"weights\":\"(i - 13) / 16\",\"trained\":false}");
  }

  /**
   * The header-version 2 golden model: the same with a dropout of 0.25 after the hidden layer (the
   * same 27 weights; inference ignores the dropout).
   */
  static Model irisTinyDropout() {
    return irisTiny(
        Network.of(
            4,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(3, Activation.TANH),
            Dropout.of(0.25),
            Dense.of(3, Activation.SOFTMAX)),
        "{\"fixture\":\"iris-tiny-dropout\",\"weights\":\"(i - 13) / 16\",\"trained\":false}");
  }

  private static Model irisTiny(Network net, String training) {
    double[] p = new double[net.numParams()];
    for (int i = 0; i < p.length; i++) {
      p[i] = (i - 13) / 16.0;
    }
    Normalizer norm =
        new Normalizer(
            Normalizer.Kind.STANDARD,
            new double[] {5.8, 3.0, 3.75, 1.2},
            new double[] {1.25, 2.0, 0.5, 1.25});
    return new Model(
        net,
        Task.MULTICLASS,
        p,
        new Model.Features(
            norm,
            List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"),
            null),
        List.of("setosa", "versicolor", "virginica"),
        training);
  }

  static byte[] bytes(Model m) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ModelFile.write(m, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Header length field of a container (bytes 12..15, little-endian). */
  static int headerLength(byte[] file) {
    return ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt(12);
  }

  static String headerJson(byte[] file) {
    return new String(file, 16, headerLength(file), StandardCharsets.UTF_8);
  }

  /** A container with the given header text and payload bytes and a correct checksum. */
  static byte[] container(String json, byte[] payload) {
    byte[] j = json.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(16 + j.length + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put("SPARKMLP".getBytes(StandardCharsets.US_ASCII))
        .putInt(1)
        .putInt(j.length)
        .put(j)
        .put(payload);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** The payload (arrays) of a container: everything between the header and the checksum. */
  static byte[] payload(byte[] file) {
    int from = 16 + headerLength(file);
    return java.util.Arrays.copyOfRange(file, from, file.length - 4);
  }
}

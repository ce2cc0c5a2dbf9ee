package sparkmlp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Damaged or hostile model files are rejected with a message naming the file and the problem. */
class CorruptModelFileTest {
  private static final String SRC = "m.mlp";

  private static byte[] good() {
    return ModelFixtures.bytes(ModelFixtures.irisTiny());
  }

  private static String failure(byte[] file) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> ModelFile.read(new ByteArrayInputStream(file), SRC))
        .getMessage();
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }

  /** The failure message, asserting the read allocated less than 16 MB on the way. */
  private static String failureWithoutLargeAllocation(byte[] file) {
    long before = allocatedBytes();
    String message = failure(file);
    long used = allocatedBytes() - before;
    assertTrue(
        used < 16L << 20, "reading a " + file.length + "-byte file allocated " + used + " bytes");
    return message;
  }

  @Test
  void wrongMagicIsRejected() {
    byte[] f = good();
    f[0] = 'X';
    assertEquals(SRC + ": not a sparkmlp model or checkpoint file (bad magic bytes)", failure(f));
    assertEquals(
        SRC + ": not a sparkmlp model or checkpoint file (bad magic bytes)",
        failure(
            "PK\u0003\u0004 this is a zip file, not a model"
                .getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void unsupportedVersionAndHeaderLengthAreRejected() {
    byte[] f = good();
    f[8] = 2;
    assertEquals(SRC + ": unsupported format version 2; this build reads version 1", failure(f));
    byte[] g = good();
    g[15] = (byte) 0x7f; // header length ≈ 2 GB
    assertEquals(
        SRC + ": header length 2130706952 is out of range (2..67108864)",
        failureWithoutLargeAllocation(g));
    byte[] h = good();
    h[15] = (byte) 0xff; // negative as a signed int
    assertTrue(
        failureWithoutLargeAllocation(h)
            .startsWith(SRC + ": header length 4278190600 is out of range"));
  }

  @Test
  void truncationAnywhereIsRejected() {
    byte[] f = good();
    int len = ModelFixtures.headerLength(f);
    int arrays = 16 + len;
    int[] cuts = {
      0,
      3,
      8,
      15,
      16,
      16 + len / 2,
      arrays - 1,
      arrays,
      arrays + 7,
      arrays + 8 * 13 + 3,
      arrays + 27 * 8,
      f.length - 3,
      f.length - 1
    };
    String[] expected = {
      "truncated: the file header needs 16 more bytes, found 0",
      "truncated: the file header needs 16 more bytes, found 3",
      "truncated: the file header needs 16 more bytes, found 8",
      "truncated: the file header needs 16 more bytes, found 15",
      "truncated: the JSON header needs " + len + " more bytes, found 0",
      "truncated: the JSON header needs " + len + " more bytes, found " + (len / 2),
      "truncated: the JSON header needs " + len + " more bytes, found " + (len - 1),
      "truncated: array 'params' (27 values) needs 216 more bytes, found 0",
      "truncated: array 'params' (27 values) needs 216 more bytes, found 7",
      "truncated: array 'params' (27 values) needs 216 more bytes, found 107",
      "truncated: the checksum is missing",
      "truncated: the checksum is missing",
      "truncated: the checksum is missing"
    };
    for (int k = 0; k < cuts.length; k++) {
      assertEquals(
          SRC + ": " + expected[k], failure(Arrays.copyOf(f, cuts[k])), "cut at " + cuts[k]);
    }
  }

  @Test
  void flippedByteFailsTheChecksum() {
    byte[] f = good();
    int arrays = 16 + ModelFixtures.headerLength(f);
    for (int at : new int[] {arrays, arrays + 100, f.length - 5}) {
      byte[] g = f.clone();
      g[at] ^= 0x10;
      assertEquals(SRC + ": checksum mismatch: the file is corrupt", failure(g), "flip at " + at);
    }
    // inside a string of the header: still valid JSON, still a valid model, but not the bytes that
    // were written
    byte[] g = f.clone();
    int name = new String(f, StandardCharsets.ISO_8859_1).indexOf("versicolor");
    g[name] = 'V';
    assertEquals(SRC + ": checksum mismatch: the file is corrupt", failure(g));
    // in the stored checksum itself
    byte[] h = f.clone();
    h[f.length - 1] ^= 1;
    assertEquals(SRC + ": checksum mismatch: the file is corrupt", failure(h));
  }

  @Test
  void trailingBytesAreRejected() {
    byte[] f = Arrays.copyOf(good(), good().length + 1);
    assertEquals(SRC + ": unexpected bytes after the checksum", failure(f));
    byte[] twice = new byte[2 * good().length];
    System.arraycopy(good(), 0, twice, 0, good().length);
    System.arraycopy(good(), 0, twice, good().length, good().length);
    assertEquals(SRC + ": unexpected bytes after the checksum", failure(twice));
  }

  @Test
  void headerDeclaringTwoToTheFortyParametersIsRejectedBeforeAllocating() {
    String json =
        ModelFixtures.headerJson(good())
            .replace(
                "{\"name\":\"params\",\"length\":27}",
                "{\"name\":\"params\",\"length\":1099511627776}");
    byte[] f = ModelFixtures.container(json, new byte[64]);
    assertEquals(
        SRC + ": array 'params' should hold 27 values for the declared shapes, found 1099511627776",
        failureWithoutLargeAllocation(f));
    // The same claim in the network's own parameter count is caught too.
    String both = json.replace("\"parameters\":27", "\"parameters\":1099511627776");
    assertEquals(
        SRC + ": network.parameters says 1099511627776, the layers need 27",
        failureWithoutLargeAllocation(ModelFixtures.container(both, new byte[64])));
  }

  @Test
  void layerOfTwoToTheThirtyUnitsIsRejectedBeforeAllocating() {
    String base = ModelFixtures.headerJson(good());
    byte[] f =
        ModelFixtures.container(
            base.replace(
                "{\"units\":3,\"activation\":\"tanh\"}",
                "{\"units\":1073741824,\"activation\":\"tanh\"}"),
            ModelFixtures.payload(good()));
    assertEquals(
        SRC + ": a dense layer needs between 1 and 1048576 units, found 1073741824",
        failureWithoutLargeAllocation(f));
    byte[] g =
        ModelFixtures.container(
            base.replace("\"input\":4", "\"input\":1099511627776"), ModelFixtures.payload(good()));
    assertEquals(
        SRC + ": header field 'input' must be an integer, found 1099511627776",
        failureWithoutLargeAllocation(g));
    // each layer within the limit, but together far more parameters than allowed
    byte[] h =
        ModelFixtures.container(
            base.replace("\"input\":4", "\"input\":1048576")
                .replace(
                    "{\"units\":3,\"activation\":\"tanh\"}",
                    "{\"units\":1048576,\"activation\":\"tanh\"}"),
            ModelFixtures.payload(good()));
    assertEquals(
        SRC + ": a network may have at most 268435456 parameters, found more",
        failureWithoutLargeAllocation(h));
  }

  @Test
  void wrongKindIsRejected() throws IOException {
    String json =
        ModelFixtures.headerJson(good()).replace("\"kind\":\"model\"", "\"kind\":\"checkpoint\"");
    assertEquals(
        SRC + ": expected a model file, found kind 'checkpoint'",
        failure(ModelFixtures.container(json, ModelFixtures.payload(good()))));
    String none = ModelFixtures.headerJson(good()).replace("\"kind\":\"model\",", "");
    assertEquals(
        SRC + ": expected a model file, found kind ''",
        failure(ModelFixtures.container(none, ModelFixtures.payload(good()))));
  }

  @Test
  void brokenHeadersAreRejected() {
    byte[] payload = ModelFixtures.payload(good());
    assertTrue(
        failure(ModelFixtures.container("{\"kind\":\"model\",", payload))
            .startsWith(SRC + ": header is not valid JSON: "));
    assertEquals(
        SRC + ": header is not a JSON object", failure(ModelFixtures.container("[1, 2]", payload)));
    assertEquals(
        SRC + ": header has no 'arrays' list",
        failure(ModelFixtures.container("{\"kind\":\"model\"}", payload)));
    String json = ModelFixtures.headerJson(good());
    assertEquals(
        SRC
            + ": unknown activation 'swish'; expected one of sigmoid, tanh, relu, identity, softmax",
        failure(ModelFixtures.container(json.replace("\"tanh\"", "\"swish\""), payload)));
    assertEquals(
        SRC + ": expected arrays [params], found [weights]",
        failure(
            ModelFixtures.container(
                json.replace("\"name\":\"params\"", "\"name\":\"weights\""), payload)));
    assertEquals(
        SRC + ": header declares array 'params' twice",
        failure(
            ModelFixtures.container(
                json.replace(
                    "[{\"name\":\"params\",\"length\":27}]",
                    "[{\"name\":\"params\",\"length\":27},{\"name\":\"params\",\"length\":27}]"),
                payload)));
    assertEquals(
        SRC + ": normalizer covers 3 features, the network takes 4",
        failure(
            ModelFixtures.container(
                json.replace("\"shift\":[5.8,3.0,3.75,1.2]", "\"shift\":[5.8,3.0,3.75]")
                    .replace("\"scale\":[1.25,2.0,0.5,1.25]", "\"scale\":[1.25,2.0,0.5]"),
                payload)));
  }

  @Test
  void aConsistentFileStillReadsAfterAllThis() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelFile.write(ModelFixtures.irisTiny(), out);
    assertEquals(
        ModelFixtures.irisTiny(), ModelFile.read(new ByteArrayInputStream(out.toByteArray()), SRC));
    // the raw container builder agrees with the writer
    byte[] g = good();
    assertEquals(
        Arrays.toString(g),
        Arrays.toString(
            ModelFixtures.container(ModelFixtures.headerJson(g), ModelFixtures.payload(g))));
  }

  /*
   * A short file declaring a consistent but huge network: the header is parsed without weights and arrays grow as
   * data arrives, so it is rejected without allocating anything near the declared size.
   */
  @Test
  void truncatedFileDeclaringALargeButAllowedNetworkIsRejectedBeforeAllocating() {
    // 4096-4096(tanh)-3(softmax): 16,793,603 parameters, consistent lengths, but no weights in the
    // file.
    String json =
        ModelFixtures.headerJson(good())
            .replace("\"input\":4", "\"input\":4096")
            .replace(
                "{\"units\":3,\"activation\":\"tanh\"}", "{\"units\":4096,\"activation\":\"tanh\"}")
            .replace("\"parameters\":27", "\"parameters\":16793603")
            .replace(
                "{\"name\":\"params\",\"length\":27}", "{\"name\":\"params\",\"length\":16793603}")
            .replace(
                "\"features\":[\"sepal_length_cm\",\"sepal_width_cm\",\"petal_length_cm\",\"petal_width_cm\"]",
                "\"features\":" + names(4096))
            .replace("\"shift\":[5.8,3.0,3.75,1.2]", "\"shift\":" + zeros(4096))
            .replace("\"scale\":[1.25,2.0,0.5,1.25]", "\"scale\":" + zeros(4096).replace("0", "1"));
    byte[] f = ModelFixtures.container(json, new byte[16]);
    assertEquals(
        SRC + ": truncated: array 'params' (16793603 values) needs 134348824 more bytes, found 20",
        failureWithoutLargeAllocation(f));
  }

  private static String names(int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("\"f").append(i).append('"');
    }
    return b.append(']').toString();
  }

  private static String zeros(int n) {
    return "[" + String.join(",", java.util.Collections.nCopies(n, "0")) + "]";
  }

  @Test
  void aHeaderVersionNewerThanThisBuildIsRejected() {
    String json =
        ModelFixtures.headerJson(good())
            .replace("\"kind\":\"model\",", "\"kind\":\"model\",\"header-version\":3,");
    assertEquals(
        SRC + ": header-version 3 is not one this build reads (1 to 2); a newer sparkmlp wrote it",
        failure(ModelFixtures.container(json, ModelFixtures.payload(good()))));
  }

  @Test
  void aDropoutLayerNeedsHeaderVersion2() {
    String json =
        ModelFixtures.headerJson(ModelFixtures.bytes(ModelFixtures.irisTinyDropout()))
            .replace("\"header-version\":2,", "");
    assertEquals(
        SRC + ": header field 'units' must be an integer, found null",
        failure(
            ModelFixtures.container(
                json,
                ModelFixtures.payload(ModelFixtures.bytes(ModelFixtures.irisTinyDropout())))));
  }
}

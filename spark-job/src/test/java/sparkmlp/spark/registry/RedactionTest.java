package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.spark.config.Redaction;

/**
 * A credential in mlp.spark.conf reaches no file the run writes (summary.json, model.mlp's header,
 * decision, history), neither its output nor {@code mlp inspect}; and every file gets the
 * permissions of {@code mlp.output.permissions}.
 */
class RedactionTest {
  private static final String SECRET = "FAKE-S3-SECRET-wJalrXUtnFEMI";

  @Test
  void aFakeS3SecretKeyIsInNoFileTheRunWrote(@TempDir Path dir) throws IOException {
    RegistryFixture f = new RegistryFixture(dir.resolve("reg"));
    RegistryFixture.Run r =
        f.retrain(
            "r1",
            RegistryFixture.TRAIN,
            "train.epochs=2",
            "spark.conf.\"spark.hadoop.fs.s3a.secret.key\"=\"" + SECRET + "\"",
            "spark.conf.\"spark.hadoop.fs.s3a.access.key\"=\"AKIAFAKEACCESS\"",
            "output.permissions=\"rw-------\"");
    assertEquals(0, r.exitCode(), r.err());
    List<Path> files;
    try (Stream<Path> all = Files.walk(f.registry)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() >= 6, files.toString());
    for (Path p : files) {
      String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(SECRET), p + " carries the secret");
      assertFalse(text.contains("AKIAFAKEACCESS"), p + " carries the access key");
      // mlp.output.permissions applies to every file, whatever the umask.
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p)),
          p.toString());
    }
    String model =
        new String(
            Files.readAllBytes(f.registry.resolve("versions/r1/model.mlp")),
            StandardCharsets.ISO_8859_1);
    assertTrue(
        model.contains("\"spark.hadoop.fs.s3a.secret.key\":\"" + Redaction.REPLACEMENT + "\""),
        "the key stays, its value is hidden");
    assertFalse(r.out().contains(SECRET) || r.err().contains(SECRET));

    RegistryFixture.Run inspect =
        RegistryFixture.mlp("inspect", f.registry.resolve("versions/r1").toString());
    assertEquals(0, inspect.exitCode(), inspect.err());
    assertFalse(inspect.out().contains(SECRET));
    assertTrue(inspect.out().contains(Redaction.REPLACEMENT), inspect.out());
  }
}

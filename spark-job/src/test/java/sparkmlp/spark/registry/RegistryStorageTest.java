package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A registry on an object store is refused with one line before anything runs; exit 2. */
class RegistryStorageTest {
  @ParameterizedTest
  @ValueSource(strings = {"s3a", "s3", "gs", "abfss", "wasb", "oss"})
  void aRegistryOnAnObjectStoreIsRefused(String scheme, @TempDir Path dir) {
    String reg = scheme + "://bucket/registry";
    RegistryFixture.Run r = RegistryFixture.mlp("registry", "list", "--registry", reg);
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(
        "error: registry "
            + reg
            + ": "
            + scheme
            + ":// is an object store without atomic create-if-absent and atomic rename, which the"
            + " registry's locks and champion pointer need; keep the registry on HDFS, a local path"
            + " or NFS (training output and data may stay on "
            + scheme
            + "://)",
        r.errorLine());
  }

  @Test
  void retrainRefusesItBeforeStartingSpark(@TempDir Path dir) {
    RegistryFixture f = new RegistryFixture(dir);
    RegistryFixture.Run r =
        RegistryFixture.mlp(
            "retrain",
            "--config",
            sparkmlp.spark.TestData.conf("iris.conf"),
            "--run-id",
            "r1",
            "--set",
            "registry.dir=\"s3a://bucket/reg\"");
    assertEquals(2, r.exitCode(), r.err());
    assertEquals(true, r.errorLine().startsWith("error: registry s3a://bucket/reg: s3a:// is an"));
  }
}

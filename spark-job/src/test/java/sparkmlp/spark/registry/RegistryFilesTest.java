package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Version ids read from registry files must be run ids: a tampered file cannot leave versions/. */
class RegistryFilesTest {
  @Test
  void aChampionPointerNamingAPathOutsideVersionsIsRefused(@TempDir Path dir) throws Exception {
    Path reg = dir.resolve("reg");
    Files.createDirectories(reg);
    Files.writeString(reg.resolve("champion"), "{\"version\":\"../../etc\"}\n");
    RegistryFixture.Run r = RegistryFixture.mlp("registry", "list", "--registry", reg.toString());
    assertEquals(3, r.exitCode(), r.err());
    assertEquals(
        "error: "
            + reg.resolve("champion")
            + ": version id '../../etc' is not a run id (letters, digits, '.', '_' or '-',"
            + " starting with a letter or digit, at most 128)",
        r.errorLine());
  }

  @Test
  void aHistoryLineNamingAPathOutsideVersionsIsRefused(@TempDir Path dir) throws Exception {
    Path reg = dir.resolve("reg");
    Files.createDirectories(reg);
    Files.writeString(
        reg.resolve("history.jsonl"),
        "{\"version\":\"r1\",\"champion_before\":null}\n"
            + "{\"version\":\"r2\",\"champion_before\":\"../r1\"}\n");
    RegistryFixture.Run r =
        RegistryFixture.mlp("registry", "rollback", "--registry", reg.toString());
    assertEquals(3, r.exitCode(), r.err());
    assertEquals(
        "error: "
            + reg.resolve("history.jsonl")
            + ":2: version id '../r1' is not a run id (letters, digits, '.', '_' or '-',"
            + " starting with a letter or digit, at most 128)",
        r.errorLine());
  }
}

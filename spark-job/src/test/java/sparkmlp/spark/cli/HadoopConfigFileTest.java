package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.spark.config.HadoopConfigFile;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.JobConfig;

/** {@code --config} as a Hadoop URI: read through Hadoop, bounded, includes refused. */
class HadoopConfigFileTest {
  @TempDir Path dir;

  private static JobConfig load(String given, String... sets) {
    return HadoopConfigFile.load(given, List.of(sets), new Configuration());
  }

  private static String error(String given) {
    return assertThrows(InvalidConfigException.class, () -> load(given)).getMessage();
  }

  @Test
  void uriAndPlainPathReadTheSameFile() throws Exception {
    Path file = Files.writeString(dir.resolve("job.conf"), "mlp.train.epochs = 7\n");
    String uri = file.toUri().toString();
    assertTrue(uri.startsWith("file:/"), uri);
    assertEquals(7, load(uri).train().epochs());
    assertEquals(7, load(file.toString()).train().epochs());
    assertEquals(9, load(uri, "train.epochs=9").train().epochs());
  }

  @Test
  void trainGivenAMissingUriFailsWithExitTwoAndOneLine() {
    String uri = dir.resolve("absent.conf").toUri().toString();
    CliRunner.Run r = CliRunner.mlp("train", "--config", uri);
    assertEquals(2, r.exitCode(), r.err());
    assertEquals("error: config file not found: " + uri, r.errorLine());
  }

  @Test
  void schemeNeedsTwoLetters() {
    assertTrue(HadoopConfigFile.isUri("hdfs://nn:8020/conf/job.conf"));
    assertTrue(HadoopConfigFile.isUri("file:/tmp/job.conf"));
    assertFalse(HadoopConfigFile.isUri("/tmp/job.conf"));
    assertFalse(HadoopConfigFile.isUri("conf/job.conf"));
    assertFalse(HadoopConfigFile.isUri("C:/conf/job.conf"));
  }

  @Test
  void missingUriIsOneLineNamingIt() {
    String uri = dir.resolve("nope.conf").toUri().toString();
    assertEquals("config file not found: " + uri, error(uri));
  }

  @Test
  void oversizedFileIsRefused() throws Exception {
    Path big = dir.resolve("big.conf");
    Files.write(big, new byte[(int) HadoopConfigFile.MAX_BYTES + 1]);
    String uri = big.toUri().toString();
    assertEquals(
        "config file too large: " + uri + " has 1048577 bytes, at most 1048576", error(uri));
  }

  @Test
  void syntaxErrorNamesUriAndLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.conf"), "mlp {\n  train.epochs = 3\n  x = {\n");
    String uri = bad.toUri().toString();
    String message = error(uri);
    assertTrue(message.startsWith(uri + ":4: syntax error: "), message);
  }

  @Test
  void includeIsRefused() throws Exception {
    Files.writeString(dir.resolve("other.conf"), "mlp.train.epochs = 5\n");
    Path main = Files.writeString(dir.resolve("main.conf"), "include \"other.conf\"\n");
    String uri = main.toUri().toString();
    assertEquals(
        uri
            + ": include \"other.conf\" is not allowed in a config read from a URI (put the"
            + " included settings in the file itself)",
        error(uri));
  }
}

package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import sparkmlp.spark.registry.Registry;
import sparkmlp.spark.registry.RunLock;
import sparkmlp.spark.registry.RunLockedException;

/**
 * {@code mlp retrain} with its registry on HDFS, through spark-submit ({@code --master local[2]} in
 * the driver, so the runs are quick): a replayed run id changes no byte, a driver SIGKILLed during
 * training leaves the champion and its lock, and the rerun takes the stale lock over, resumes and
 * decides as an uninterrupted run does; and the lock and the pointer on HDFS itself.
 */
@ClusterTest
class RegistryOnHdfsTest {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void retrainOnHdfsIsIdempotentAndSurvivesAKilledDriver(TestCluster cluster) throws Exception {
    MiniHdfs hdfs = cluster.hdfs();
    String train = hdfs.put(SparkmlpJob.dataset("iris", "train.csv"), "/reg-data/train.csv");
    String test = hdfs.put(SparkmlpJob.dataset("iris", "test.csv"), "/reg-data/test.csv");
    String reg = "/registry";

    SubmitResult r1 = cluster.submit(retrain(hdfs.url(reg), "r1", train, test, "3").build());
    assertEquals(0, r1.exitCode(), r1.summary());
    assertEquals("r1", pointer(hdfs, reg));
    Map<String, String> before = snapshot(hdfs, reg);
    SubmitResult again = cluster.submit(retrain(hdfs.url(reg), "r1", train, test, "3").build());
    assertEquals(0, again.exitCode(), again.summary());
    assertEquals(lastLine(r1.stdout()), lastLine(again.stdout()));
    assertFalse(again.stdout().contains("epoch 1/"), again.summary());
    assertEquals(before, snapshot(hdfs, reg));

    // The reference: r2 uninterrupted on a copy of the registry, while r2 on the registry itself
    // is killed and rerun (the two share nothing).
    assertTrue(
        FileUtil.copy(
            hdfs.fileSystem(),
            new Path(reg),
            hdfs.fileSystem(),
            new Path("/registry-ref"),
            false,
            hdfs.fileSystem().getConf()));
    Submission reference =
        cluster.launch(retrain(hdfs.url("/registry-ref"), "r2", train, test, "30").build());

    Submission killed = cluster.launch(retrain(hdfs.url(reg), "r2", train, test, "30").build());
    killed.awaitOutput("epoch 4/30", RUN_TIMEOUT);
    assertEquals(137, killed.killDriver());
    assertEquals("r1", pointer(hdfs, reg));
    StoredModels.model(hdfs, reg + "/versions/r1/model.mlp");
    assertTrue(hdfs.exists(reg + "/locks/r2.lock"), "a killed driver leaves its lock");
    assertFalse(hdfs.exists(reg + "/versions/r2/_SUCCESS"));
    // The scheduler's retry comes after the stale period (3 s here): wait until the dead run's
    // last heartbeat is older than that.
    Path lock = new Path(reg + "/locks/r2.lock");
    while (System.currentTimeMillis() - hdfs.fileSystem().getFileStatus(lock).getModificationTime()
        < 4000) {
      StandaloneCluster.sleep(Duration.ofMillis(200));
    }

    SubmitResult rerun = cluster.submit(retrain(hdfs.url(reg), "r2", train, test, "30").build());
    SubmitResult ref = reference.await();
    assertEquals(0, ref.exitCode(), ref.summary());
    JsonNode expected = JSON.readTree(lastLine(ref.stdout()));
    assertEquals(0, rerun.exitCode(), rerun.summary());
    assertTrue(rerun.stderr().contains("note: taking over the stale lock "), rerun.summary());
    assertTrue(rerun.stdout().contains("resuming from "), rerun.summary());
    JsonNode decided = JSON.readTree(lastLine(rerun.stdout()));
    assertEquals(expected.path("promoted"), decided.path("promoted"));
    assertEquals(expected.path("gate"), decided.path("gate"));
    assertEquals(expected.path("candidate"), decided.path("candidate"));
    String champion = pointer(hdfs, reg);
    assertEquals(expected.path("champion_after").asText(), champion);
    StoredModels.model(hdfs, reg + "/versions/" + champion + "/model.mlp");
    assertFalse(hdfs.exists(reg + "/locks/r2.lock"));
    List<String> versions = new ArrayList<>();
    for (String line : hdfs.read(reg + "/history.jsonl").split("\n")) {
      versions.add(JSON.readTree(line).path("version").asText());
    }
    assertEquals(List.of("r1", "r2"), versions);
  }

  @Test
  void theLockIsExclusiveAndThePointerIsReplacedInPlaceOnHdfs(TestCluster cluster) {
    MiniHdfs hdfs = cluster.hdfs();
    Configuration conf = hdfs.fileSystem().getConf();
    String lock = hdfs.url("/locks-test/x.lock");
    // Short: a second run refuses once it has seen the holder's heartbeat (every fifth of it).
    Duration stale = Duration.ofSeconds(3);
    try (RunLock held = RunLock.acquire(conf, lock, "run x", stale, n -> {})) {
      RunLockedException e =
          assertThrows(
              RunLockedException.class, () -> RunLock.acquire(conf, lock, "run x", stale, n -> {}));
      assertTrue(e.getMessage().startsWith("run x is already running: " + lock + " is held by "));
    }
    assertFalse(hdfs.exists("/locks-test/x.lock"));

    // Rename onto an existing pointer: HDFS replaces it in one step (FileContext OVERWRITE).
    Registry registry = new Registry(conf, hdfs.url("/pointer-test"), stale);
    String before = null;
    for (String v : List.of("a", "b", "c")) {
      var entry = JSON.createObjectNode().put("action", "promote").put("version", v);
      registry.commit(
          new Registry.Change(v, before, entry, e -> false), () -> {}, p -> {}, n -> {});
      before = v;
      assertEquals(v, registry.champion());
    }
    assertEquals(3, registry.history().size());
    assertEquals(List.of("champion", "history.jsonl", "locks"), hdfs.list("/pointer-test"));
  }

  private static SubmitRequest.Builder retrain(
      String registry, String runId, String train, String test, String epochs) {
    return SparkmlpJob.request(
            List.of(
                "retrain",
                "--config",
                SparkmlpJob.conf("iris.conf").toString(),
                "--run-id",
                runId,
                "--master",
                "local[2]",
                "--set",
                "registry.dir=" + registry,
                "--set",
                "registry.lock.stale-minutes=0.05",
                "--set",
                "registry.gate.tolerance=0.1",
                "--set",
                "data.train=" + train,
                "--set",
                "data.test=" + test,
                "--set",
                "train.epochs=" + epochs,
                "--set",
                "log.progress=never"))
        .optTimeout(RUN_TIMEOUT);
  }

  private static String pointer(MiniHdfs hdfs, String reg) throws IOException {
    return JSON.readTree(hdfs.read(reg + "/champion")).path("version").asText();
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\\R");
    return lines[lines.length - 1];
  }

  private static Map<String, String> snapshot(MiniHdfs hdfs, String dir) {
    Map<String, String> files = new TreeMap<>();
    try {
      RemoteIterator<LocatedFileStatus> it = hdfs.fileSystem().listFiles(new Path(dir), true);
      while (it.hasNext()) {
        Path p = it.next().getPath();
        try (InputStream in = hdfs.fileSystem().open(p)) {
          files.put(p.toUri().getPath(), Arrays.toString(in.readAllBytes()));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

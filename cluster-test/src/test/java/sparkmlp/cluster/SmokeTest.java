package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.cluster.fixture.FailingApp;
import sparkmlp.cluster.fixture.SleepingApp;
import sparkmlp.cluster.fixture.WordCountApp;

/**
 * The harness end to end: HDFS in, a job across both executors, HDFS out; and failures reach the
 * caller.
 */
@ClusterTest
class SmokeTest {

  private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "epsilon"};

  private static Path appJar;

  @BeforeAll
  static void packFixtures(TestCluster cluster) {
    appJar = AppJar.pack(cluster.dir().resolve("fixture.jar"), "sparkmlp.cluster.fixture");
  }

  @Test
  void wordCountReadsHdfsRunsOnBothExecutorsAndWritesHdfs(TestCluster cluster, @TempDir Path tmp)
      throws IOException {
    StringBuilder text = new StringBuilder();
    Map<String, Integer> expected = new TreeMap<>();
    for (int line = 0; line < 400; line++) {
      for (int k = 0; k <= line % 4; k++) {
        String word = WORDS[(line * 7 + k * 3) % WORDS.length];
        text.append(k == 0 ? "" : " ").append(word);
        expected.merge(word, 1, Integer::sum);
      }
      text.append('\n');
    }
    Path local = Files.writeString(tmp.resolve("words.txt"), text);
    String input = cluster.hdfs().put(local, "/wordcount/words.txt");

    SubmitResult result =
        cluster.submit(
            SubmitRequest.builder()
                .setAppJar(appJar)
                .setMainClass(WordCountApp.class.getName())
                .optArgs(input, cluster.hdfs().url("/wordcount/out"))
                // Start the job only once both executors are there, so its two tasks go one to
                // each.
                .optConf("spark.cores.max", "2")
                .optConf("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .optConf("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s")
                .build());

    assertEquals(0, result.exitCode(), result.summary());
    Map<String, Integer> counts =
        cluster
            .hdfs()
            .readParts("/wordcount/out/counts")
            .lines()
            .map(l -> l.split("\t"))
            .collect(
                Collectors.toMap(
                    f -> f[0], f -> Integer.parseInt(f[1]), Integer::sum, TreeMap::new));
    assertEquals(expected, counts);
    List<String> executors = cluster.hdfs().read("/wordcount/out/executors.txt").lines().toList();
    assertEquals(
        2,
        executors.size(),
        "expected tasks on two executors, saw " + executors + "\n" + result.summary());
    assertTrue(result.stdout().contains("word-count: 2 partitions"), result.summary());
  }

  @Test
  void systemExitCodeOfTheAppIsSparkSubmitsExitCode(TestCluster cluster) {
    SubmitResult result =
        cluster.submit(
            SubmitRequest.builder()
                .setAppJar(appJar)
                .setMainClass(FailingApp.class.getName())
                .optArgs("exit", "3", "fixture gave up: exit code 3 on purpose")
                .optConf("spark.log.level", "INFO")
                .build());

    assertEquals(3, result.exitCode(), result.summary());
    assertTrue(
        result.stderr().contains("fixture gave up: exit code 3 on purpose"), result.summary());
  }

  @Test
  void exceptionOutOfMainGivesNonZeroExitAndItsMessage(TestCluster cluster) {
    SubmitResult result =
        cluster.submit(
            SubmitRequest.builder()
                .setAppJar(appJar)
                .setMainClass(FailingApp.class.getName())
                .optArgs("throw", "fixture threw: bad input on purpose")
                .build());

    assertTrue(!result.timedOut(), "SparkSubmit hung after main threw\n" + result.summary());
    assertNotEquals(0, result.exitCode(), result.summary());
    assertTrue(
        result
            .stderr()
            .contains("java.lang.IllegalStateException: fixture threw: bad input on purpose"),
        result.summary());
  }

  @Test
  void runPastItsTimeoutIsKilledAndSaysSo(TestCluster cluster) {
    Submission run =
        cluster.launch(
            SubmitRequest.builder()
                .setAppJar(appJar)
                .setMainClass(SleepingApp.class.getName())
                .optArgs("600")
                .optTimeout(Duration.ofSeconds(3))
                .build());
    SubmitResult result = run.await();

    assertTrue(result.timedOut(), result.summary());
    assertFalse(run.isAlive());
    assertTrue(result.summary().contains("killed after its timeout"), result.summary());
  }

  @Test
  void workersThatDoNotRegisterFailWithEveryDaemonsLog(TestCluster cluster) {
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () -> cluster.spark().awaitWorkers(TestCluster.WORKERS + 1, Duration.ofSeconds(1)));

    String message = failure.getMessage();
    assertTrue(message.contains("expected 3 workers registered"), message);
    assertTrue(message.contains("2 alive worker(s)"), message);
    for (String daemon : List.of("--- master", "--- worker-1", "--- worker-2")) {
      assertTrue(message.contains(daemon), daemon + " missing from\n" + message);
    }
    assertTrue(message.contains("Successfully registered with master"), message);
  }
}

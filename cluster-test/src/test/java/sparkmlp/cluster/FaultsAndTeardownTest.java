package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkmlp.cluster.fixture.SleepingApp;

/**
 * The fault helpers kill what they say and the cluster recovers as the fault tests need: a killed
 * executor is replaced, and after a killed driver the next application gets both executors.
 * Teardown in the middle of a job then leaves no process behind. Starts its own cluster, since it
 * must look after close.
 */
@Tag("cluster")
class FaultsAndTeardownTest {

  @Test
  void killedExecutorIsReplacedKilledDriverFreesTheClusterAndTeardownLeavesNoProcess() {
    TestCluster cluster = TestCluster.start(FaultsAndTeardownTest.class.getSimpleName());
    try {
      Path jar = AppJar.pack(cluster.dir().resolve("fixture.jar"), "sparkmlp.cluster.fixture");
      Submission run = cluster.launch(sleeping(jar, "600"));
      run.awaitOutput("sleeping-app: started", Duration.ofSeconds(90));
      List<ExecutorProcess> before = cluster.spark().awaitExecutors(2, Duration.ofSeconds(90));
      assertEquals(
          Set.of("worker-1", "worker-2"),
          before.stream().map(ExecutorProcess::worker).collect(Collectors.toSet()));

      ExecutorProcess killed = cluster.spark().killOneExecutor();
      assertFalse(killed.handle().isAlive());
      assertTrue(
          awaitReplacement(cluster, before, Duration.ofSeconds(90)),
          "no new executor after killing pid " + killed.pid() + "\n" + cluster.diagnostics());

      assertEquals(137, run.killDriver(), "SIGKILL gives 128 + 9");
      assertFalse(run.isAlive());

      SubmitResult next = cluster.submit(sleeping(jar, "0"));
      assertEquals(0, next.exitCode(), next.summary());
      assertTrue(next.stdout().contains("sleeping-app: done 2"), next.summary());

      cluster
          .launch(sleeping(jar, "600"))
          .awaitOutput("sleeping-app: started", Duration.ofSeconds(90));
      cluster.spark().awaitExecutors(2, Duration.ofSeconds(90));
    } finally {
      cluster.close();
    }

    List<ProcessHandle> left = cluster.survivors();
    assertEquals(
        List.of(), left, "processes alive after teardown:\n" + ProcessReaper.describe(left));
    cluster
        .reaper()
        .started()
        .forEach(p -> assertFalse(p.isAlive(), p.name() + " alive after teardown"));
  }

  /** Two tasks sleeping {@code seconds}; the job starts once both executors are registered. */
  private static SubmitRequest sleeping(Path jar, String seconds) {
    return SubmitRequest.builder()
        .setAppJar(jar)
        .setMainClass(SleepingApp.class.getName())
        .optArgs(seconds)
        .optConf("spark.cores.max", "2")
        .optConf("spark.scheduler.minRegisteredResourcesRatio", "1.0")
        .optConf("spark.scheduler.maxRegisteredResourcesWaitingTime", "90s")
        .build();
  }

  private static boolean awaitReplacement(
      TestCluster cluster, List<ExecutorProcess> before, Duration timeout) {
    Set<Long> old = before.stream().map(ExecutorProcess::pid).collect(Collectors.toSet());
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (cluster.spark().executors().stream().anyMatch(e -> !old.contains(e.pid()))) {
        return true;
      }
      StandaloneCluster.sleep(Duration.ofMillis(250));
    }
    return false;
  }
}

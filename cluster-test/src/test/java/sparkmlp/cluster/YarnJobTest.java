package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import sparkmlp.core.model.Model;

/**
 * sparkmlp through {@code SparkSubmit --master yarn} on a MiniYARNCluster with HDFS (both on
 * 127.0.0.1): in client mode and in cluster mode the weights of {@code local[2]} (max |Δw| = 0): in
 * client mode through an executor container killed mid-epoch, under peer tasks and under one job a
 * step; in cluster mode with the config shipped by {@code --files}, under dynamic allocation, after
 * the driver's container is killed mid-epoch and YARN's second attempt resumes; what a scheduler
 * can read of a failed cluster-mode run (the status file, YARN's diagnostics); and {@code retrain}
 * with its config on {@code hdfs:///} and its registry on HDFS, replayed; peer tasks' links sealed
 * on an application with {@code spark.network.crypto.enabled}. Cluster-mode submissions are slow
 * (three JVMs in containers), so each run checks several things. One cluster for the class, stopped
 * after it whatever happened.
 */
@Tag("cluster")
class YarnJobTest {

  /** A cluster-mode run starts 3 JVMs in containers before it trains: 40 to 90 s here. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A peer run needs both executors' task slots when it starts, and Spark on YARN starts jobs once
   * 80 % have registered or after 30 s, which a loaded machine can pass with one: wait for both.
   */
  private static final String BOTH_EXECUTORS = "spark.scheduler.minRegisteredResourcesRatio";

  private static final String BOTH_EXECUTORS_WAIT =
      "spark.scheduler.maxRegisteredResourcesWaitingTime";

  private static YarnCluster cluster;
  private static String train;
  private static Model local;
  private static SubmitResult client;
  private static SubmitResult clientJobs;
  private static SubmitResult sealed;
  private static SubmitResult badInput;
  private static SubmitResult clientBadConfig;
  private static String badInputMessage;

  /**
   * Six submissions at once, to share their JVMs' start-up: the reference, {@code local[2]} in the
   * submitting JVM (mlp's own {@code --master} wins over spark-submit's); two client-mode runs on
   * YARN that lose an executor; one with Spark's network encryption; a client-mode run with a bad
   * config value, which ends before it reaches YARN; and a cluster-mode run on bad data, which
   * fails soon after its driver starts.
   */
  @BeforeAll
  static void localClientAndBadInputRuns() throws IOException {
    cluster = YarnCluster.start(YarnJobTest.class.getSimpleName());
    train =
        cluster.hdfs().put(SparkmlpJob.dataset("digits", "train.csv"), "/data/digits/train.csv");
    Submission inProcess =
        cluster.launch(
            digits(config(), "/runs/local").optArgs("--master", "local[2]").build(), "client");
    Submission clientMode =
        cluster.launch(
            SparkmlpJob.request(
                    arguments(
                        config(), "/runs/client", "train.engine=peer", "train.reduction=auto"))
                .optConf(BOTH_EXECUTORS, "1.0")
                .optConf(BOTH_EXECUTORS_WAIT, "240s")
                .optTimeout(RUN_TIMEOUT)
                .build(),
            "client");
    Submission jobsMode =
        cluster.launch(
            SparkmlpJob.request(
                    arguments(
                        config(),
                        "/runs/client-jobs",
                        "train.engine=jobs",
                        "train.reduction=auto",
                        // A checkpoint on HDFS after every step: the weights are the same, but
                        // the run's 46 short steps last long enough for the kill to land in them
                        // (every 5 steps, a loaded machine once killed the executor after the end).
                        "train.checkpoint.every-steps=1"))
                .optTimeout(RUN_TIMEOUT)
                .build(),
            "client");
    Submission sealedMode = launchEncrypted();
    Submission bad = launchOnBadInput();
    Submission badConfig =
        cluster.launch(
            digits(config(), "/runs/bad-config").optArgs("--set", "train.epochs=0").build(),
            "client");
    clientBadConfig = badConfig.await();
    // both at once: each must be caught in its own first epoch
    CompletableFuture.allOf(
            CompletableFuture.runAsync(() -> killAnExecutorMidEpoch(clientMode, "/runs/client")),
            CompletableFuture.runAsync(() -> killAnExecutorMidEpoch(jobsMode, "/runs/client-jobs")))
        .join();
    client = clientMode.await();
    clientJobs = jobsMode.await();
    sealed = sealedMode.await();
    badInput = bad.await();
    SubmitResult reference = inProcess.await();
    assertEquals(0, reference.exitCode(), reference.summary());
    assertEquals("local[2]", summary("/runs/local").path("spark").path("master").asText());
    local = StoredModels.model(cluster.hdfs(), "/runs/local/model.mlp");
  }

  /**
   * Digits with a bad cell at line 3, column 2, in cluster mode with the config shipped by {@code
   * --files}, and a status file beside the output folder.
   */
  private static Submission launchOnBadInput() throws IOException {
    List<String> lines =
        Files.readAllLines(SparkmlpJob.dataset("digits", "train.csv")).subList(0, 12);
    List<String> bad = new ArrayList<>(lines);
    String[] cells = bad.get(2).split(",", -1);
    cells[1] = "abc";
    bad.set(2, String.join(",", cells));
    String data = cluster.hdfs().write("/data/bad.csv", String.join("\n", bad) + "\n");
    String column = lines.get(0).split(",")[1];
    badInputMessage =
        "error: " + data + ":3:2: expected a number in column '" + column + "', found 'abc'";
    List<String> args = new ArrayList<>(arguments(Path.of("digits.conf"), "/runs/bad/model"));
    args.set(args.indexOf("data.train=" + train), "data.train=" + data);
    return cluster.launch(
        SparkmlpJob.request(args)
            .optArgs("--status-file", cluster.hdfs().url("/runs/bad/status.json"))
            .optTimeout(RUN_TIMEOUT)
            .build(),
        "cluster",
        "--files",
        config().toString());
  }

  /** Every submission, container, NodeManager, ResourceManager and HDFS is gone. */
  @AfterAll
  static void stopEverything() {
    if (cluster != null) {
      cluster.close();
      assertEquals(
          "", ProcessReaper.describe(cluster.survivors()), "processes alive after teardown");
    }
  }

  /**
   * Client mode under peer tasks, one executor's container SIGKILLed in the middle of epoch 1: YARN
   * gives the application a new container, Spark reruns the epoch's stage, its tasks replay from
   * the driver's copy, and the weights are the local[2] run's.
   */
  @Test
  void clientModeTrainsOnYarnToTheLocalWeightsThroughAKilledExecutor() {
    assertEquals(0, client.exitCode(), client.summary());
    assertTrue(
        client.stdout().contains("training on 1,438 examples (0 for validation) in 2 partitions"),
        client.summary());
    assertEquals("yarn", summary("/runs/client").path("spark").path("master").asText());
    assertTrue(client.stderr().contains("Lost executor"), client.summary());
    assertEquals("peer", summary("/runs/client").path("execution").path("engine").asText());
    assertWeightsEqualLocal("/runs/client", "client mode, peer tasks, an executor killed");
  }

  /** The same under one Spark job a step: the lost partition is recomputed, the weights equal. */
  @Test
  void oneJobAStepOnYarnGivesTheLocalWeightsThroughAKilledExecutor() {
    assertEquals(0, clientJobs.exitCode(), clientJobs.summary());
    assertTrue(clientJobs.stderr().contains("Lost executor"), clientJobs.summary());
    assertEquals("spark", summary("/runs/client-jobs").path("execution").path("engine").asText());
    assertWeightsEqualLocal("/runs/client-jobs", "client mode, jobs engine, an executor killed");
  }

  /**
   * Client mode under peer tasks on an application that asks Spark to authenticate and encrypt its
   * traffic: YARN hands the application its generated secret, the tasks' links are sealed with
   * AES-GCM keyed from it, and the weights are still the local[2] run's.
   */
  @Test
  void peerLinksAreSealedUnderSparksNetworkEncryptionAndGiveTheLocalWeights() {
    assertEquals(0, sealed.exitCode(), sealed.summary());
    JsonNode execution = summary("/runs/client-sealed").path("execution");
    assertEquals("peer", execution.path("engine").asText(), execution.toString());
    assertEquals(
        "sealed (AES-GCM keyed from the run's secret, since spark.network.crypto.enabled = true)",
        execution.path("links").asText(),
        execution.toString());
    assertWeightsEqualLocal("/runs/client-sealed", "client mode, peer tasks, links sealed");
  }

  /** Peer tasks in client mode with {@code spark.authenticate} and network encryption on. */
  private static Submission launchEncrypted() {
    return cluster.launch(
        SparkmlpJob.request(
                arguments(
                    config(), "/runs/client-sealed", "train.engine=peer", "train.reduction=auto"))
            .optConf("spark.authenticate", "true")
            .optConf("spark.network.crypto.enabled", "true")
            .optConf(BOTH_EXECUTORS, "1.0")
            .optConf(BOTH_EXECUTORS_WAIT, "240s")
            .optTimeout(RUN_TIMEOUT)
            .build(),
        "client");
  }

  /** SIGKILLs one executor JVM of {@code run} once its first mid-epoch checkpoint is written. */
  private static void killAnExecutorMidEpoch(Submission run, String out) {
    String appId = YarnCluster.awaitApplicationId(run, RUN_TIMEOUT);
    StoredModels.awaitMidEpochCheckpoint(cluster.hdfs(), out + "/checkpoints", 0, run, RUN_TIMEOUT);
    ProcessHandle executor =
        ProcessTrees.withCommandLineContaining("YarnCoarseGrainedExecutorBackend")
            .filter(p -> ProcessTrees.commandLine(p).contains(appId))
            .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no executor JVM of " + appId));
    ProcessTrees.killAll(List.of(executor), Duration.ofSeconds(30));
  }

  /** In client mode the driver is the spark-submit JVM: its exit code is the job's own. */
  @Test
  void clientModeExitsWithTheJobsOwnCode() {
    assertEquals(2, clientBadConfig.exitCode(), clientBadConfig.summary());
    assertTrue(
        clientBadConfig.stderr().contains("config key 'mlp.train.epochs' must be >= 1, found 0"),
        clientBadConfig.summary());
    assertFalse(cluster.hdfs().exists("/runs/bad-config"), "a refused config wrote output");
  }

  /**
   * Cluster mode, the config shipped by {@code --files} and named by its bare file name (the driver
   * finds it in its container's working folder), under dynamic allocation (so the steps run as one
   * Spark job each), with {@code spark.yarn.maxAppAttempts=2}: the driver's container is killed
   * (SIGKILL) in the middle of epoch 1, YARN runs the command again as attempt 2, which resumes
   * from the checkpoints attempt 1 left, and the application succeeds with the weights of the
   * uninterrupted local[2] run; its status file says it succeeded.
   */
  @Test
  @Execution(ExecutionMode.CONCURRENT) // with the other cluster-mode test
  void aKilledDriverContainerIsRestartedAndResumesToTheLocalWeights() throws IOException {
    String out = "/runs/cluster";
    SubmitRequest request =
        SparkmlpJob.request(arguments(Path.of("digits.conf"), out))
            .optArgs("--status-file", cluster.hdfs().url(out + "-status.json"))
            .optConf("spark.yarn.maxAppAttempts", "2")
            .optConf("spark.dynamicAllocation.enabled", "true")
            .optConf("spark.dynamicAllocation.shuffleTracking.enabled", "true")
            .optConf("spark.dynamicAllocation.minExecutors", "1")
            .optConf("spark.dynamicAllocation.maxExecutors", "2")
            .optTimeout(RUN_TIMEOUT)
            .build();
    Submission run = cluster.launch(request, "cluster", "--files", config().toString());
    String appId = YarnCluster.awaitApplicationId(run, RUN_TIMEOUT);
    ProcessHandle am = cluster.applicationMaster(appId, RUN_TIMEOUT);
    String checkpoint =
        StoredModels.awaitMidEpochCheckpoint(
            cluster.hdfs(), out + "/checkpoints", 0, run, RUN_TIMEOUT);
    ProcessTrees.killAll(List.of(am), Duration.ofSeconds(30));
    long pid = am.pid();
    assertFalse(cluster.hdfs().exists(out + "/model.mlp"), "attempt 1 ended before its kill");
    SubmitResult result = run.await();
    String driverOut = cluster.driverLogs(appId, "stdout");
    assertEquals(0, result.exitCode(), result.summary() + driverOut);
    assertTrue(result.output().contains("final status: SUCCEEDED"), result.summary());
    String resumed =
        "driver attempt 2: resuming from the checkpoints in "
            + cluster.hdfs().url(out)
            + "/checkpoints (as --resume)";
    assertTrue(
        driverOut.contains(resumed),
        "killed AM pid " + pid + " after " + checkpoint + "\n" + driverOut);
    assertTrue(
        driverOut.contains("training on 1,438 examples (0 for validation) in 2 partitions"),
        driverOut);
    JsonNode summary = summary(out);
    assertTrue(summary.path("resumed").asBoolean(), summary.toString());
    assertEquals("yarn", summary.path("spark").path("master").asText(), summary.toString());
    assertEquals("spark", summary.path("execution").path("engine").asText(), summary.toString());
    assertWeightsEqualLocal(out, "cluster mode, the driver container killed after " + checkpoint);
    JsonNode status = JSON.readTree(cluster.hdfs().read(out + "-status.json"));
    assertEquals(0, status.path("exit_code").asInt(), status.toString());
    assertEquals("succeeded", status.path("status").asText(), status.toString());
    assertEquals(cluster.hdfs().url(out), status.path("output").asText(), status.toString());
  }

  /**
   * A bad cell in cluster mode: spark-submit can only say FAILED (exit 1); the status file beside
   * the output has the job's own exit code and its one line, which YARN's diagnostics carry too,
   * and no output is left.
   */
  @Test
  void badInputInClusterModeWritesTheStatusFileAndTheDiagnostics() throws IOException {
    SubmitResult run = badInput;
    String message = badInputMessage;
    assertEquals(1, run.exitCode(), run.summary());
    assertTrue(run.output().contains("final status: FAILED"), run.summary());
    assertTrue(run.output().contains("mlp failed with exit code 3: " + message), run.summary());
    JsonNode status = JSON.readTree(cluster.hdfs().read("/runs/bad/status.json"));
    assertEquals("train", status.path("command").asText(), status.toString());
    assertEquals(3, status.path("exit_code").asInt(), status.toString());
    assertEquals("failed", status.path("status").asText(), status.toString());
    assertEquals(message, status.path("message").asText(), status.toString());
    assertEquals(cluster.hdfs().url("/runs/bad/model"), status.path("output").asText());
    assertEquals(List.of("status.json"), cluster.hdfs().list("/runs/bad"));
  }

  /**
   * {@code retrain --run-id} in cluster mode, its config read from {@code hdfs:///} (the cluster's
   * default file system), promotes its model in a registry on HDFS; a second submission of the same
   * run id replays the recorded decision without training and changes nothing in the registry.
   */
  @Test
  @Execution(ExecutionMode.CONCURRENT) // with the other cluster-mode test
  void retrainInClusterModePromotesOnHdfsAndASecondSubmissionReplays() throws IOException {
    MiniHdfs hdfs = cluster.hdfs();
    hdfs.put(SparkmlpJob.conf("iris.conf"), "/jobs/iris.conf");
    String reg = hdfs.url("/registry");
    List<String> args =
        List.of(
            "retrain",
            "--config",
            "hdfs:///jobs/iris.conf",
            "--run-id",
            "r1",
            "--set",
            "registry.dir=" + reg,
            "--set",
            "data.train=" + hdfs.put(SparkmlpJob.dataset("iris", "train.csv"), "/iris/train.csv"),
            "--set",
            "data.test=" + hdfs.put(SparkmlpJob.dataset("iris", "test.csv"), "/iris/test.csv"),
            "--set",
            "train.epochs=3");
    SubmitRequest request =
        SparkmlpJob.request(args)
            .optConf("spark.executor.instances", "1")
            .optTimeout(RUN_TIMEOUT)
            .build();
    SubmitResult first = cluster.launch(request, "cluster").await();
    String firstOut = cluster.driverLogs(YarnCluster.applicationId(first.output()), "stdout");
    assertEquals(0, first.exitCode(), first.summary() + firstOut);
    assertTrue(firstOut.contains("epoch 3/3"), firstOut);
    JsonNode decision = JSON.readTree(lastLine(firstOut));
    assertTrue(decision.path("promoted").asBoolean(), decision.toString());
    assertEquals("r1", JSON.readTree(hdfs.read("/registry/champion")).path("version").asText());
    StoredModels.model(hdfs, "/registry/versions/r1/model.mlp");
    String history = hdfs.read("/registry/history.jsonl");
    List<String> files = hdfs.list("/registry/versions/r1");

    SubmitResult again = cluster.launch(request, "cluster").await();
    String againOut = cluster.driverLogs(YarnCluster.applicationId(again.output()), "stdout");
    assertEquals(0, again.exitCode(), again.summary() + againOut);
    assertFalse(againOut.contains("epoch 1/"), againOut);
    assertEquals(decision, JSON.readTree(lastLine(againOut)));
    assertEquals(history, hdfs.read("/registry/history.jsonl"));
    assertEquals(files, hdfs.list("/registry/versions/r1"));
  }

  /** Digits on YARN's two executors with {@code config} as {@code --config}. */
  private static SubmitRequest.Builder digits(Path config, String out) {
    return SparkmlpJob.request(arguments(config, out)).optTimeout(RUN_TIMEOUT);
  }

  /**
   * Digits for 2 epochs of 23 steps in 2 partitions, no validation or test set, a checkpoint every
   * 5 steps, steps always through Spark (the local run would otherwise train in the driver).
   */
  private static List<String> arguments(Path config, String out, String... extra) {
    return SparkmlpJob.train(
        config, SparkmlpJob.digitsSettings(train, cluster.hdfs().url(out), extra));
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\\R");
    return lines[lines.length - 1];
  }

  private static Path config() {
    return SparkmlpJob.conf("digits.conf");
  }

  private static JsonNode summary(String out) {
    try {
      return JSON.readTree(cluster.hdfs().read(out + "/summary.json"));
    } catch (IOException e) {
      throw new AssertionError("unreadable " + out + "/summary.json", e);
    }
  }

  private static void assertWeightsEqualLocal(String out, String how) {
    Model model = StoredModels.model(cluster.hdfs(), out + "/model.mlp");
    double diff = StoredModels.maxAbsDiff(local.params(), model.params());
    System.out.printf("[weights] %s: max |dw| = %s against local[2]%n", how, diff);
    assertEquals(0.0, diff, how + ": max |w - w_local| = " + diff);
    assertEquals(local.network(), model.network());
  }
}

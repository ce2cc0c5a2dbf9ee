package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkmlp.core.model.Model;

/**
 * Training digits through {@code SparkSubmit --master yarn} on a MiniYARNCluster with HDFS, in
 * client and in cluster deploy mode: the same weights as {@code local[2]} (max |Δw| = 0) with the
 * config shipped by {@code --files} and with it read from {@code hdfs:///}, under dynamic
 * allocation, and after the driver's container is killed mid-epoch and YARN's second attempt
 * resumes; and what a scheduler can read of a cluster-mode run (the status file, YARN's
 * diagnostics). One cluster for the class, stopped after it whatever happened.
 */
@Tag("cluster")
class YarnJobTest {

  /** A cluster-mode run starts 3 JVMs in containers before it trains: 40 to 90 s here. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static YarnCluster cluster;
  private static String train;
  private static Model local;
  private static SubmitResult client;

  /**
   * The reference, {@code local[2]} in the submitting JVM (mlp's own {@code --master} wins over
   * spark-submit's), and at the same time the client-mode run on YARN.
   */
  @BeforeAll
  static void localAndClientModeRuns() {
    cluster = YarnCluster.start(YarnJobTest.class.getSimpleName());
    train =
        cluster.hdfs().put(SparkmlpJob.dataset("digits", "train.csv"), "/data/digits/train.csv");
    Submission inProcess =
        cluster.launch(
            digits(config(), "/runs/local").optArgs("--master", "local[2]").build(), "client");
    client = cluster.launch(digits(config(), "/runs/client").build(), "client").await();
    SubmitResult reference = inProcess.await();
    assertEquals(0, reference.exitCode(), reference.summary());
    assertEquals("local[2]", summary("/runs/local").path("spark").path("master").asText());
    local = StoredModels.model(cluster.hdfs(), "/runs/local/model.mlp");
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

  @Test
  void clientModeTrainsOnYarnToTheLocalWeights() {
    assertEquals(0, client.exitCode(), client.summary());
    assertTrue(
        client.stdout().contains("training on 1,438 examples (0 for validation) in 2 partitions"),
        client.summary());
    assertEquals("yarn", summary("/runs/client").path("spark").path("master").asText());
    assertWeightsEqualLocal("/runs/client", "client mode");
  }

  /**
   * Cluster mode with the config shipped by {@code --files} and named by its bare file name, which
   * the driver finds in its container's working folder; dynamic allocation on, so the steps run as
   * one Spark job each; and a status file that says it succeeded.
   */
  @Test
  void clusterModeWithAShippedConfigUnderDynamicAllocation() throws IOException {
    String out = "/runs/cluster";
    SubmitRequest request =
        SparkmlpJob.request(arguments(Path.of("digits.conf"), out))
            .optArgs("--status-file", cluster.hdfs().url(out + "-status.json"))
            .optConf("spark.dynamicAllocation.enabled", "true")
            .optConf("spark.dynamicAllocation.shuffleTracking.enabled", "true")
            .optConf("spark.dynamicAllocation.minExecutors", "1")
            .optConf("spark.dynamicAllocation.maxExecutors", "2")
            .optTimeout(RUN_TIMEOUT)
            .build();
    SubmitResult run = cluster.launch(request, "cluster", "--files", config().toString()).await();
    String appId = YarnCluster.applicationId(run);
    String driverOut = cluster.driverLogs(appId, "stdout");
    assertEquals(0, run.exitCode(), run.summary() + driverOut);
    assertTrue(run.output().contains("final status: SUCCEEDED"), run.summary());
    assertTrue(
        driverOut.contains("training on 1,438 examples (0 for validation) in 2 partitions"),
        driverOut);
    JsonNode summary = summary(out);
    assertEquals("yarn", summary.path("spark").path("master").asText(), summary.toString());
    assertEquals("spark", summary.findValue("engine").asText(), summary.toString());
    assertWeightsEqualLocal(out, "cluster mode, dynamic allocation");
    JsonNode status = JSON.readTree(cluster.hdfs().read(out + "-status.json"));
    assertEquals(0, status.path("exit_code").asInt(), status.toString());
    assertEquals("succeeded", status.path("status").asText(), status.toString());
    assertEquals(cluster.hdfs().url(out), status.path("output").asText(), status.toString());
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
    List<String> sets =
        new ArrayList<>(
            List.of(
                "data.train=" + train,
                "data.test=",
                "data.validation-split=0",
                "data.partitions=2",
                "train.epochs=2",
                "train.batch-size=64",
                "train.checkpoint.every-steps=5",
                "train.checkpoint.keep=3",
                "train.reduction=sharded",
                "train.single-process=never",
                "log.progress=never",
                "output.dir=" + cluster.hdfs().url(out)));
    sets.addAll(List.of(extra));
    return SparkmlpJob.train(config, sets);
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

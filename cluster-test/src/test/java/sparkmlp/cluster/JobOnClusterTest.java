package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkmlp.core.model.Model;
import sparkmlp.core.train.CheckpointFile;

/**
 * Training digits through spark-submit on the standalone cluster, data and output on HDFS: the same
 * weights as in-process training, and the same weights again after a killed executor (with one job
 * a step, and with resident barrier tasks), a killed driver and {@code --resume}, and after kills
 * in the middle of checkpoint and model writes, which leave only whole files.
 */
@ClusterTest
class JobOnClusterTest {

  /** The per-run budget: a digits run takes 20 to 45 s here, most of it starting JVMs. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

  private static final double TOLERANCE = 1e-9;

  private static String train;
  private static String validation;
  private static Model faultFree;
  private static SubmitResult local;

  /**
   * The uninterrupted run on the cluster every other run is compared with and, at the same time,
   * the same run in-process: mlp's own {@code --master local[2]} wins over spark-submit's, so the
   * same jar and config train in the driver's JVM.
   */
  @BeforeAll
  static void faultFreeRunsOnTheClusterAndInProcess(TestCluster cluster) {
    train =
        cluster.hdfs().put(SparkmlpJob.dataset("digits", "train.csv"), "/data/digits/train.csv");
    validation =
        cluster.hdfs().put(SparkmlpJob.dataset("digits", "test.csv"), "/data/digits/test.csv");
    Submission inProcess =
        cluster.launch(
            SparkmlpJob.request(arguments(cluster, "/runs/local"))
                .optArgs("--master", "local[2]")
                .optTimeout(RUN_TIMEOUT)
                .build());
    SubmitResult run = cluster.submit(digits(cluster, "/runs/fault-free").build());
    local = inProcess.await();
    assertEquals(0, run.exitCode(), run.summary());
    assertTrue(
        run.stdout().contains("training on 1,438 examples (0 for validation) in 2 partitions"),
        run.summary());
    assertTrue(
        cluster
            .hdfs()
            .read("/runs/fault-free/summary.json")
            .contains("\"master\" : \"" + cluster.spark().masterUrl() + "\""),
        "the run did not go to the cluster");
    assertTrue(
        cluster.hdfs().read("/runs/fault-free/summary.json").contains("\"path\" : \"sharded\""),
        "the steps did not use the sharded reduction");
    faultFree = StoredModels.model(cluster.hdfs(), "/runs/fault-free/model.mlp");
  }

  /** Killed drivers included, no run leaves an executor behind once it has ended. */
  @AfterAll
  static void noExecutorOutlivesItsApplication(TestCluster cluster) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!cluster.spark().executors().isEmpty() && Instant.now().isBefore(deadline)) {
      StandaloneCluster.sleep(Duration.ofMillis(250));
    }
    assertEquals(
        List.of(), cluster.spark().executors(), "executors alive after every application ended");
  }

  @Test
  void clusterModelEqualsInProcessModel(TestCluster cluster) {
    assertEquals(0, local.exitCode(), local.summary());
    assertTrue(
        cluster.hdfs().read("/runs/local/summary.json").contains("\"master\" : \"local[2]\""));
    assertWeightsEqualFaultFree(
        StoredModels.model(cluster.hdfs(), "/runs/local/model.mlp"), "in-process on local[2]");
  }

  @ParameterizedTest(name = "engine {0}")
  @CsvSource({"barrier, spark-barrier", "peer, peer"})
  void aKilledExecutorUnderResidentTasksGivesTheFaultFreeModel(
      String engine, String summaryName, TestCluster cluster) {
    String out = "/runs/" + engine + "-executor-killed";
    // with validation data, which does not change the weights
    Submission run =
        cluster.launch(
            digits(
                    cluster,
                    out,
                    "train.engine=" + engine,
                    "train.reduction=auto",
                    "data.validation=" + validation)
                .build());
    Killed k = killAnExecutorAfterEpoch1(cluster, run);
    ExecutorProcess killed = k.executor();
    SubmitResult result = k.result();
    assertTrue(result.stderr().contains("Lost executor " + killed.executorId()), result.summary());
    // barrier: one stage for the run whose tasks stay for its steps, connected to the driver's
    // socket, and validate the blocks shuffled to them; peer: one stage an epoch whose tasks
    // exchange slices of their sums with each other, and a validation job after each. Both add up
    // in the same order as the sharded path. The stage that was running ran again on the master's
    // replacement executor and the survivor, and redid the steps it lost.
    String summary = cluster.hdfs().read(out + "/summary.json");
    assertTrue(summary.contains("\"engine\" : \"" + summaryName + "\""), summary);
    boolean barrier = engine.equals("barrier");
    assertTrue(summary.contains("\"step_jobs\" : " + (barrier ? 1 : 2)), summary);
    assertEquals(barrier, summary.contains("validation in the tasks"), summary);
    assertTrue(summary.contains("\"val_loss\" : 0."), summary);
    assertFalse(summary.contains("\"val_loss\" : null"), summary);
    assertWeightsEqualFaultFree(
        StoredModels.model(cluster.hdfs(), out + "/model.mlp"),
        "an executor killed under resident " + engine + " tasks in epoch 2");
  }

  @Test
  void killedExecutorMidTrainingGivesTheFaultFreeModel(TestCluster cluster) {
    Submission run = cluster.launch(digits(cluster, "/runs/executor-killed").build());
    Killed k = killAnExecutorAfterEpoch1(cluster, run);
    ExecutorProcess killed = k.executor();
    SubmitResult result = k.result();
    String lost =
        "Lost executor " + killed.executorId() + " on 127.0.0.1: Command exited with code 137";
    assertTrue(result.stderr().contains(lost), result.summary());
    // It held one of the two cached training blocks, which the remaining steps had to recompute.
    assertTrue(result.stderr().contains("No more replicas available for rdd_"), result.summary());
    String replacement = killed.appId() + "/2"; // executors 0 and 1 ran first
    assertTrue(
        ManagedProcess.read(cluster.spark().master().stdoutLog())
            .contains("Launching executor " + replacement),
        "the master launched no replacement executor " + replacement);
    assertWeightsEqualFaultFree(
        StoredModels.model(cluster.hdfs(), "/runs/executor-killed/model.mlp"),
        "an executor killed in epoch 2");
  }

  @Test
  void killedDriverThenResumeGivesTheUninterruptedModel(TestCluster cluster) {
    String dir = "/runs/driver-killed";
    Submission run = cluster.launch(digits(cluster, dir).build());
    // A checkpoint in the middle of epoch 2: the resumed run starts mid-epoch, with Adam's moments
    // restored.
    String checkpoint =
        StoredModels.awaitMidEpochCheckpoint(
            cluster.hdfs(), dir + "/checkpoints", 1, run, RUN_TIMEOUT);
    assertEquals(137, run.killDriver());

    assertFalse(
        cluster.hdfs().exists(dir + "/model.mlp"), "the killed run must not have written a model");
    List<String> left = StoredModels.checkpoints(cluster.hdfs(), dir + "/checkpoints");
    String newest = left.get(left.size() - 1);
    assertTrue(
        newest.compareTo(dir + "/checkpoints/ckpt-e000002") < 0,
        "the driver died after training: " + left);
    assertTrue(newest.compareTo(dir + "/checkpoints/" + checkpoint) >= 0, left.toString());

    SubmitResult resumed = cluster.submit(digits(cluster, dir).optArgs("--resume").build());
    assertEquals(0, resumed.exitCode(), resumed.summary());
    assertTrue(
        resumed.stdout().contains("resuming from " + cluster.hdfs().url(newest)),
        resumed.summary());
    assertTrue(cluster.hdfs().read(dir + "/summary.json").contains("\"resumed\" : true"));
    assertWeightsEqualFaultFree(
        StoredModels.model(cluster.hdfs(), dir + "/model.mlp"),
        "a driver killed after "
            + newest.substring(newest.lastIndexOf('/') + 1)
            + ", then --resume");
  }

  /**
   * The driver is killed three times: twice, with a checkpoint written at every step, as soon as a
   * checkpoint's temporary file appears after a random delay, and once as soon as the model's does.
   * After each kill every checkpoint and the model load in full, and the model is the one an
   * earlier run wrote until a run has written the new one; each run resumes, and the last gives the
   * uninterrupted model. These runs share one executor: what they test is the driver's writes.
   */
  @Test
  void killsWhileWritingLeaveOnlyWholeFilesAndTheEarlierModel(TestCluster cluster)
      throws IOException {
    String dir = "/runs/write-kills";
    MiniHdfs hdfs = cluster.hdfs();
    // The model of an earlier successful run (its summary differs, so its bytes differ from any new
    // model's).
    assertTrue(
        FileUtil.copy(
            hdfs.fileSystem(),
            new Path("/runs/fault-free/model.mlp"),
            hdfs.fileSystem(),
            new Path(dir + "/model.mlp"),
            false,
            hdfs.fileSystem().getConf()));
    byte[] earlier = bytes(hdfs, dir + "/model.mlp");
    Random random = new Random(20261123L);
    List<String> notes = new ArrayList<>();
    int interruptedWrites = 0;

    List<String> triggers = List.of("checkpoint", "checkpoint", "model");
    for (String trigger : triggers) {
      Set<String> tempsBefore = temporaries(hdfs, dir);
      Submission run = cluster.launch(resuming(cluster, dir, trigger.equals("checkpoint")).build());
      run.awaitOutput("training on", RUN_TIMEOUT);
      Optional<String> killedWriting;
      if (trigger.equals("checkpoint")) {
        StandaloneCluster.sleep(Duration.ofMillis(random.nextInt(3000)));
        killedWriting = killOnTemporary(run, hdfs, dir + "/checkpoints", ".ckpt-", tempsBefore);
      } else {
        killedWriting = killOnTemporary(run, hdfs, dir, ".model.mlp.tmp-", tempsBefore);
      }
      SubmitResult result = run.await(Duration.ofSeconds(30));
      // A run may finish between two looks at the listing: then it must have succeeded.
      assertEquals(killedWriting.isPresent() ? 137 : 0, result.exitCode(), result.summary());
      assertFalse(result.stderr().contains("skipping unreadable checkpoint"), result.summary());
      // A temporary still there after the kill is a write the kill cut short.
      boolean cutShort =
          killedWriting.isPresent() && temporaries(hdfs, dir).contains(killedWriting.get());
      interruptedWrites += cutShort ? 1 : 0;
      notes.add(trigger + (cutShort ? " (cut " + killedWriting.get() + " short)" : ""));

      assertEveryCheckpointLoads(hdfs, dir + "/checkpoints");
      if (!Arrays.equals(earlier, bytes(hdfs, dir + "/model.mlp"))) {
        // Only a run that renamed its finished model into place may have changed it, and then to
        // the whole new one.
        assertFalse(
            cutShort && trigger.equals("model"),
            "the model changed although its write was cut short");
        assertWeightsEqualFaultFree(
            StoredModels.model(hdfs, dir + "/model.mlp"), "a model written before a kill");
        earlier = bytes(hdfs, dir + "/model.mlp");
      } else {
        StoredModels.model(hdfs, dir + "/model.mlp");
      }
    }
    System.out.printf(
        "[write-kills] %d kills, %d cut a write short: %s%n",
        triggers.size(), interruptedWrites, notes);
    assertTrue(interruptedWrites >= 1, "no kill landed in the middle of a write: " + notes);

    SubmitResult last = cluster.submit(resuming(cluster, dir, true).build());
    assertEquals(0, last.exitCode(), last.summary());
    assertTrue(last.stdout().contains("resuming from"), last.summary());
    assertFalse(last.stderr().contains("skipping unreadable checkpoint"), last.summary());
    assertFalse(
        Arrays.equals(earlier, bytes(hdfs, dir + "/model.mlp")),
        "the completed run did not replace the model");
    assertWeightsEqualFaultFree(
        StoredModels.model(hdfs, dir + "/model.mlp"), "three kills, each followed by --resume");
  }

  /** The executor JVMs of the application registered last (application ids sort by time). */
  private static List<ExecutorProcess> executorsOfNewestApp(TestCluster cluster) {
    List<ExecutorProcess> all = cluster.spark().awaitExecutors(2, Duration.ofSeconds(30));
    String newest = all.stream().map(ExecutorProcess::appId).max(String::compareTo).orElseThrow();
    return all.stream().filter(e -> e.appId().equals(newest)).toList();
  }

  /** An executor killed while the run trains, and the run's result. */
  private record Killed(ExecutorProcess executor, SubmitResult result) {}

  /**
   * Kills one of the run's two executors once epoch 1 has ended and epoch 2 not, and waits for the
   * run, which must still succeed.
   */
  private static Killed killAnExecutorAfterEpoch1(TestCluster cluster, Submission run) {
    run.awaitOutput("epoch 1/2", RUN_TIMEOUT);
    List<ExecutorProcess> executors = executorsOfNewestApp(cluster);
    assertEquals(2, executors.size(), executors.toString());
    ExecutorProcess killed = cluster.spark().kill(executors.get(0));
    String outputAtKill = run.stdout();
    SubmitResult result = run.await();
    assertFalse(
        outputAtKill.contains("epoch 2/2"),
        "the executor died after training had ended\n" + outputAtKill);
    assertEquals(0, result.exitCode(), result.summary());
    return new Killed(killed, result);
  }

  /** The digits run on both executors. */
  private static SubmitRequest.Builder digits(TestCluster cluster, String out, String... extra) {
    return SparkmlpJob.requestOnBothExecutors(arguments(cluster, out, extra))
        .optTimeout(RUN_TIMEOUT);
  }

  /**
   * Digits for 2 epochs of 23 steps in 2 partitions, no validation or test set, a checkpoint every
   * 5 steps; steps reduced through the shuffle ({@code train.reduction=sharded}), so a lost
   * executor also loses map outputs, and always through Spark (the in-process run would otherwise
   * train in the driver).
   */
  private static List<String> arguments(TestCluster cluster, String out, String... extra) {
    return SparkmlpJob.train(
        SparkmlpJob.conf("digits.conf"),
        SparkmlpJob.digitsSettings(train, cluster.hdfs().url(out), extra));
  }

  /**
   * The digits run on one executor with {@code --resume}; {@code everyStep}: with a checkpoint at
   * every step and two kept (so a delete at every step too).
   */
  private static SubmitRequest.Builder resuming(
      TestCluster cluster, String dir, boolean everyStep) {
    String[] sets =
        everyStep
            ? new String[] {"train.checkpoint.every-steps=1", "train.checkpoint.keep=2"}
            : new String[0];
    return digits(cluster, dir, sets).optConf("spark.cores.max", "1").optArgs("--resume");
  }

  private static void assertWeightsEqualFaultFree(Model model, String how) {
    double diff = StoredModels.maxAbsDiff(faultFree.params(), model.params());
    System.out.printf(
        "[weights] %s: max |dw| = %s against the fault-free cluster run%n", how, diff);
    assertTrue(diff < TOLERANCE, how + ": max |w - w_fault_free| = " + diff);
    assertEquals(faultFree.network(), model.network());
  }

  private static void assertEveryCheckpointLoads(MiniHdfs hdfs, String dir) {
    for (String p : StoredModels.checkpoints(hdfs, dir)) {
      CheckpointFile.Checkpoint c = StoredModels.checkpoint(hdfs, p);
      assertEquals(faultFree.params().length, c.state().params.length, p);
    }
  }

  /**
   * Kills the driver the moment a new hidden temporary whose name starts with {@code prefix} shows
   * in {@code dir}, that is, while the driver is writing that file, and returns its name; empty if
   * the run ended first (its write fell between two looks). The listing is polled every 2 ms: a
   * write of these files to HDFS (create, write, close, rename) lasts longer.
   */
  private static Optional<String> killOnTemporary(
      Submission run, MiniHdfs hdfs, String dir, String prefix, Set<String> old) {
    Instant deadline = Instant.now().plus(RUN_TIMEOUT);
    while (run.isAlive()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "the driver wrote no temporary "
                + prefix
                + "* in "
                + dir
                + " within "
                + RUN_TIMEOUT
                + "\n"
                + run.await(Duration.ofSeconds(5)).summary());
      }
      for (String name : hdfs.list(dir)) {
        if (name.startsWith(prefix) && name.contains(".tmp-") && !old.contains(name)) {
          run.killDriver();
          return Optional.of(name);
        }
      }
      StandaloneCluster.sleep(Duration.ofMillis(2));
    }
    return Optional.empty();
  }

  /**
   * Hidden temporaries of atomic writes in {@code dir} and its {@code checkpoints} folder, by name.
   */
  private static Set<String> temporaries(MiniHdfs hdfs, String dir) {
    List<String> names = new ArrayList<>(hdfs.list(dir));
    names.addAll(hdfs.list(dir + "/checkpoints"));
    return names.stream()
        .filter(n -> n.startsWith(".") && n.contains(".tmp-"))
        .collect(Collectors.toSet());
  }

  private static byte[] bytes(MiniHdfs hdfs, String path) {
    try (InputStream in = hdfs.fileSystem().open(new Path(path))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + hdfs.url(path), e);
    }
  }
}

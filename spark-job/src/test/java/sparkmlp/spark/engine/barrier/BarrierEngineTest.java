package sparkmlp.spark.engine.barrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.TestData;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.engine.FailedTasks;
import sparkmlp.spark.engine.FaultInjection;
import sparkmlp.spark.engine.LocalProperties;
import sparkmlp.spark.run.DistributedTrainingTest;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;

/**
 * {@code mlp.train.engine = barrier}: resident tasks for the run give the weights of one job a step
 * bit for bit, in double and float, with dropout and example weights, and validate as the
 * validation job does, bit for bit; a task that fails part-way (joining, mid-step, validating) is
 * run again with its stage and changes nothing; what it cannot run is refused with one line.
 */
class BarrierEngineTest {
  /**
   * On this local master the tasks run in the driver's JVM and exchange by reference; with {@code
   * socket} they use the socket, as on a cluster. Set on this thread until closed.
   */
  private static LocalProperties transport(String transport) {
    return LocalProperties.set(
        FaultInjection.RESIDENT_SOCKETS_ONLY, String.valueOf(transport.equals("socket")));
  }

  private static void assertTransport(TrainJob.Result r, String transport) {
    // one stage for both epochs: two resident tasks
    assertEquals(
        transport.equals("socket") ? 0 : 2,
        r.summary().at("/execution/resident_tasks/in_jvm").asLong(),
        r.summary().toString());
    assertEquals(
        transport.equals("socket") ? 2 : 0,
        r.summary().at("/execution/resident_tasks/socket").asLong());
  }

  private static TrainJob.Result train(Path out, String engine, String... extra) {
    String[] sets = new String[extra.length + 2];
    sets[0] = "train.engine=" + engine;
    sets[1] = "data.partitions=2";
    System.arraycopy(extra, 0, sets, 2, extra.length);
    return DistributedTrainingTest.train(
        DistributedTrainingTest.digits(out, sets), new TrainOptions(false, null, false));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @CsvSource({"double, in-jvm", "float, in-jvm", "double, socket", "float, socket"})
  void residentTasksGiveTheWeightsOfOneJobAStepBitForBit(
      String precision, String transport, @TempDir Path out) {
    String[] sets = {
      "train.precision=" + precision, "model.dropout=[0.2]", "train.batch-size=100",
    };
    TrainJob.Result jobs = train(out.resolve("jobs"), "jobs", sets);
    TrainJob.Result barrier;
    try (LocalProperties p = transport(transport)) {
      barrier = train(out.resolve("barrier"), "barrier", sets);
    }
    assertArrayEquals(jobs.model().params(), barrier.model().params(), 0.0);
    assertEquals(
        jobs.history().get(1).loss(), barrier.history().get(1).loss(), 0.0, "epoch 2 loss");
    assertEquals("spark-barrier", barrier.summary().at("/execution/engine").asText());
    assertEquals(precision, barrier.summary().at("/execution/precision").asText());
    assertTransport(barrier, transport);
    // one barrier stage for both epochs, against one job a step (15 steps of 100 of 1,438)
    assertEquals(1, barrier.summary().at("/timings/step_jobs").asLong());
    assertEquals(30, jobs.summary().at("/timings/step_jobs").asLong());
  }

  private record Retried(int failedAttempts, TrainJob.Result result) {}

  /**
   * A barrier run whose partition 1 fails at {@code step} (or {@link ResidentTask#JOINING}, {@link
   * ResidentTask#VALIDATING}) in the first attempt of the run's stage, with the failed attempts of
   * its task counted.
   */
  private static Retried trainWithPartition1FailingAt(
      String transport, Path out, int step, String... extra) throws Exception {
    TrainJob.Result[] result = new TrainJob.Result[1];
    try (LocalProperties p = transport(transport);
        LocalProperties fail =
            LocalProperties.set(
                FaultInjection.FAIL_GRADIENT_OF_PARTITION,
                "1",
                FaultInjection.FAIL_RESIDENT_AT_STEP,
                String.valueOf(step))) {
      int failed =
          FailedTasks.during(
              t -> t.index() == 1,
              () -> result[0] = train(out.resolve("retried"), "barrier", extra));
      return new Retried(failed, result[0]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-jvm", "socket"})
  void aTaskThatFailsPartWayThroughAnEpochChangesNothing(String transport, @TempDir Path out)
      throws Exception {
    double[] clean = train(out.resolve("clean"), "barrier").model().params();
    Retried r = trainWithPartition1FailingAt(transport, out, 7);
    // partition 1 fails at step 7 of epoch 1 in the stage's first attempt; its partner ends with
    // that attempt (killed, or failing on the link the driver closed), and both run again in the
    // stage's next attempt, which stays for the rest of the run
    assertEquals(1, r.failedAttempts(), "failed attempts of partition 1's task");
    assertArrayEquals(clean, r.result().model().params(), 0.0);
    long links =
        r.result().summary().at("/execution/resident_tasks/in_jvm").asLong()
            + r.result().summary().at("/execution/resident_tasks/socket").asLong();
    assertEquals(4, links, "two tasks in each of the stage's two attempts");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-jvm", "socket"})
  void aTaskThatFailsWhileTheOthersJoinRetriesTheStageAndChangesNothing(
      String transport, @TempDir Path out) throws Exception {
    double[] clean = train(out.resolve("clean"), "barrier").model().params();
    Retried r = trainWithPartition1FailingAt(transport, out, ResidentTask.JOINING);
    // partition 1 fails before joining in the stage's first attempt, while its partner joins (or
    // has joined): the stage runs again rather than the run failing
    assertEquals(1, r.failedAttempts(), "failed attempts of partition 1's task");
    assertArrayEquals(clean, r.result().model().params(), 0.0);
  }

  /** The digits test file as validation data, or a split of the training file. */
  private static String validation(String source) {
    return source.equals("file")
        ? "data.validation=" + TestData.dataset("digits", "test.csv")
        : "data.validation-split=0.25";
  }

  @ParameterizedTest(name = "{0}, {1}, {2}")
  @CsvSource({
    "double, in-jvm, file",
    "float, in-jvm, split",
    "double, socket, split",
    "float, socket, file"
  })
  void residentTasksValidateAsTheValidationJobDoesBitForBit(
      String precision, String transport, String source, @TempDir Path out) {
    String[] sets = {"train.precision=" + precision, "train.batch-size=100", validation(source)};
    TrainJob.Result jobs = train(out.resolve("jobs"), "jobs", sets);
    TrainJob.Result barrier;
    try (LocalProperties p = transport(transport)) {
      barrier = train(out.resolve("barrier"), "barrier", sets);
    }
    assertArrayEquals(jobs.model().params(), barrier.model().params(), 0.0);
    for (int e = 0; e < 2; e++) {
      double loss = jobs.history().get(e).valLoss();
      assertTrue(loss > 0.05 && loss < 2.5, "epoch " + (e + 1) + " validation loss " + loss);
      assertEquals(loss, barrier.history().get(e).valLoss(), 0.0, "epoch " + (e + 1));
      assertEquals(
          jobs.history().get(e).valAccuracy(),
          barrier.history().get(e).valAccuracy(),
          0.0,
          "epoch " + (e + 1));
    }
    assertEquals(
        "engine=barrier: one barrier stage, 2 resident tasks, sums added on the driver in"
            + " partition order, validation in the tasks",
        barrier.summary().at("/execution/reason").asText());
    assertEquals(1, barrier.summary().at("/timings/step_jobs").asLong());
    assertTransport(barrier, transport);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-jvm", "socket"})
  void aTaskThatFailsWhileValidatingChangesNothing(String transport, @TempDir Path out)
      throws Exception {
    String file = validation("file");
    TrainJob.Result clean = train(out.resolve("clean"), "barrier", file);
    Retried r = trainWithPartition1FailingAt(transport, out, ResidentTask.VALIDATING, file);
    // partition 1 fails as it starts epoch 1's validation in the stage's first attempt: the next
    // attempt's tasks validate at the same weights, then go on with epoch 2
    assertEquals(1, r.failedAttempts(), "failed attempts of partition 1's task");
    assertArrayEquals(clean.model().params(), r.result().model().params(), 0.0);
    assertEquals(clean.history(), withoutSeconds(r.result().history(), clean.history()));
  }

  /** {@code history} with the seconds of {@code like}: epochs compared but for their timing. */
  private static List<EpochMetrics> withoutSeconds(
      List<EpochMetrics> history, List<EpochMetrics> like) {
    List<EpochMetrics> same = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      EpochMetrics m = history.get(i);
      EpochMetrics l = like.get(i);
      same.add(
          new EpochMetrics(
              m.epoch(),
              m.loss(),
              m.valLoss(),
              m.valAccuracy(),
              m.learningRate(),
              m.examples(),
              l.seconds(),
              l.valSeconds()));
    }
    return same;
  }

  @Test
  void tasksThatCannotAllJoinFailTheRunAtTheJoinDeadline(@TempDir Path out) throws Exception {
    // one of the two task slots stays busy, so the barrier stage's two tasks never start
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.session().sparkContext());
    SLOT_HELD.set(new CountDownLatch(1));
    JavaFutureAction<Void> holder =
        jsc.parallelize(List.of(1), 1)
            .foreachAsync(i -> SLOT_HELD.get().await(10, TimeUnit.MINUTES));
    try {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> train(out, "barrier", "train.barrier.join-timeout-seconds=1"));
      assertTrue(
          e.getMessage()
              .startsWith(
                  "resident step tasks: 0 of 2 tasks joined the driver within 1 s"
                      + " (mlp.train.barrier.join-timeout-seconds): the barrier stage needs 2 free"
                      + " task slots at once and executors that reach 127.0.0.1:"),
          e.getMessage());
    } finally {
      SLOT_HELD.get().countDown();
      holder.get();
    }
  }

  /** Released by the join deadline test to free the task slot it holds. */
  private static final AtomicReference<CountDownLatch> SLOT_HELD = new AtomicReference<>();

  @Test
  void morePartitionsThanTaskSlotsIsRefusedBeforeTraining(@TempDir Path out) {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> train(out, "barrier", "data.partitions=3"));
    assertEquals(
        "config key 'mlp.train.engine' is barrier: its 3 tasks (one per partition) must run at"
            + " once, but Spark has 2 task slots; set mlp.data.partitions to at most 2 or use"
            + " engine = jobs",
        e.getMessage());
  }

  @Test
  void theShardedReductionNeedsTheJobsEngine(@TempDir Path out) {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> train(out, "barrier", "train.reduction=sharded"));
    assertEquals(
        "config key 'mlp.train.reduction' is sharded, but mlp.train.engine = barrier adds the"
            + " partitions' sums on the driver; use engine = jobs for the sharded reduction",
        e.getMessage());
  }

  @Test
  void anUnknownEngineNamesTheKeyAndTheChoices(@TempDir Path out) {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> DistributedTrainingTest.digits(out, "train.engine=gpu"));
    assertEquals(
        "config key 'mlp.train.engine' must be one of auto, jobs, barrier, peer; found 'gpu'",
        e.getMessage());
  }
}

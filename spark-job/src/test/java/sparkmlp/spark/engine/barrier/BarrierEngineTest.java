package sparkmlp.spark.engine.barrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.engine.FailedTasks;
import sparkmlp.spark.engine.FaultInjection;
import sparkmlp.spark.engine.LocalProperties;
import sparkmlp.spark.run.DistributedTrainingTest;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;

/**
 * {@code mlp.train.engine = barrier}: resident tasks an epoch give the weights of one job a step
 * bit for bit, in double and float, with dropout and example weights; a task that fails part-way
 * through an epoch is run again with its stage and changes nothing; what it cannot run is refused
 * with one line.
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
    // two epochs, two resident tasks each
    assertEquals(
        transport.equals("socket") ? 0 : 4,
        r.summary().at("/execution/resident_tasks/in_jvm").asLong(),
        r.summary().toString());
    assertEquals(
        transport.equals("socket") ? 4 : 0,
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
    // two epochs: one barrier stage each, against one job a step (15 steps of 100 of 1,438)
    assertEquals(2, barrier.summary().at("/timings/step_jobs").asLong());
    assertEquals(30, jobs.summary().at("/timings/step_jobs").asLong());
  }

  private record Retried(int failedAttempts, TrainJob.Result result) {}

  /**
   * A barrier run whose partition 1 fails at {@code step} (or {@link ResidentTask#JOINING}) in the
   * first attempt of each epoch's stage, with the failed attempts of its task counted.
   */
  private static Retried trainWithPartition1FailingAt(String transport, Path out, int step)
      throws Exception {
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
              t -> t.index() == 1, () -> result[0] = train(out.resolve("retried"), "barrier"));
      return new Retried(failed, result[0]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-jvm", "socket"})
  void aTaskThatFailsPartWayThroughAnEpochChangesNothing(String transport, @TempDir Path out)
      throws Exception {
    double[] clean = train(out.resolve("clean"), "barrier").model().params();
    Retried r = trainWithPartition1FailingAt(transport, out, 7);
    // partition 1 fails at step 7 in the first attempt of each epoch's stage; its partner ends
    // with that attempt (killed, or failing on the link the driver closed), and both run again in
    // the stage's next attempt
    assertEquals(2, r.failedAttempts(), "failed attempts of partition 1's task");
    assertArrayEquals(clean, r.result().model().params(), 0.0);
    long links =
        r.result().summary().at("/execution/resident_tasks/in_jvm").asLong()
            + r.result().summary().at("/execution/resident_tasks/socket").asLong();
    assertEquals(8, links, "two tasks in each of two attempts of each epoch's stage");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"in-jvm", "socket"})
  void aTaskThatFailsWhileTheOthersJoinRetriesTheStageAndChangesNothing(
      String transport, @TempDir Path out) throws Exception {
    double[] clean = train(out.resolve("clean"), "barrier").model().params();
    Retried r = trainWithPartition1FailingAt(transport, out, ResidentTask.JOINING);
    // partition 1 fails before joining in the first attempt of each epoch's stage, while its
    // partner joins (or has joined): the stage runs again rather than the run failing
    assertEquals(2, r.failedAttempts(), "failed attempts of partition 1's task");
    assertArrayEquals(clean, r.result().model().params(), 0.0);
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

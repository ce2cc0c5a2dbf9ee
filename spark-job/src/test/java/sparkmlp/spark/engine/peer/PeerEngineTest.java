package sparkmlp.spark.engine.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.engine.FailedTasks;
import sparkmlp.spark.engine.FaultInjection;
import sparkmlp.spark.engine.LocalProperties;
import sparkmlp.spark.run.DistributedTrainingTest;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;

/**
 * {@code mlp.train.engine = peer}: tasks that reduce-scatter their sums, update their own slices
 * and all-gather the weights give the weights of one job a step bit for bit — in double and float,
 * with dropout, with each optimiser and weight decay, with the driver's copy gathered mid-epoch; a
 * task that fails part-way through an epoch (or while the others join) is run again, replays from
 * the driver's copy and changes nothing.
 */
class PeerEngineTest {
  private static TrainJob.Result train(Path out, String engine, String... extra) {
    String[] sets = new String[extra.length + 2];
    sets[0] = "train.engine=" + engine;
    sets[1] = "data.partitions=2";
    System.arraycopy(extra, 0, sets, 2, extra.length);
    return DistributedTrainingTest.train(
        DistributedTrainingTest.digits(out, sets), new TrainOptions(false, null, false));
  }

  @ParameterizedTest(name = "{0}, {1}, sync every {2} steps")
  @CsvSource({
    "double, adam, 100",
    "float, adam, 100",
    "double, momentum, 4",
    "float, sgd, 1",
  })
  void peerTasksGiveTheWeightsOfOneJobAStepBitForBit(
      String precision, String optimizer, int syncSteps, @TempDir Path out) {
    String[] sets = {
      "train.precision=" + precision,
      "model.dropout=[0.2]",
      "train.batch-size=100",
      "train.optimizer.name=" + optimizer,
      "train.optimizer.weight-decay=0.001",
      "train.peer.sync-steps=" + syncSteps,
      // a checkpoint every 6 steps: the loop asks the engine for the weights mid-epoch
      "train.checkpoint.every-steps=6",
      // validation each epoch: the loop asks for the weights at the epoch's end
      "data.validation-split=0.2",
    };
    TrainJob.Result jobs = train(out.resolve("jobs"), "jobs", sets);
    TrainJob.Result peer = train(out.resolve("peer"), "peer", sets);
    assertArrayEquals(jobs.model().params(), peer.model().params(), 0.0);
    assertEquals(jobs.history().get(1).loss(), peer.history().get(1).loss(), 0.0, "epoch 2 loss");
    assertEquals(
        jobs.history().get(1).valAccuracy(),
        peer.history().get(1).valAccuracy(),
        0.0,
        "epoch 2 validation accuracy");
    assertEquals("peer", peer.summary().at("/execution/engine").asText());
    assertEquals(precision, peer.summary().at("/execution/precision").asText());
    // two epochs: one barrier stage each, against one job a step (12 steps of 100 of 1,150)
    assertEquals(2, peer.summary().at("/timings/step_jobs").asLong());
    assertEquals(24, jobs.summary().at("/timings/step_jobs").asLong());
    // the weights went to the tasks once: epoch 2's tasks kept epoch 1's state, which the driver
    // found equal to its copy (step count and fingerprint)
    assertEquals(2, peer.summary().at("/execution/loads").asLong(), "loads");
  }

  @Test
  void autoRunsThePeerEngineWhereItCanAndSaysWhy(@TempDir Path out) {
    TrainJob.Result peer = train(out.resolve("two"), "auto");
    assertEquals("peer", peer.summary().at("/execution/engine").asText());
    assertEquals(
        "engine=auto: peer (static allocation, 2 partitions <= 2 task slots)",
        peer.summary().at("/execution/choice").asText());
    assertEquals(
        "plain (local master: loopback only)", peer.summary().at("/execution/links").asText());
    TrainJob.Result jobs = train(out.resolve("three"), "auto", "data.partitions=3");
    assertEquals("spark", jobs.summary().at("/execution/engine").asText());
    assertEquals(
        "engine=auto: jobs, since the peer engine's 3 tasks must run at once and Spark has 2 task"
            + " slots",
        jobs.summary().at("/execution/choice").asText());
    TrainJob.Result sharded = train(out.resolve("sharded"), "auto", "train.reduction=sharded");
    assertEquals(
        "engine=auto: jobs, since mlp.train.reduction = sharded asks for the jobs engine's sharded"
            + " reduction",
        sharded.summary().at("/execution/choice").asText());
  }

  @Test
  void aTaskStuckMidStepEndsTheRunAtTheStepDeadlineWithOneLine(@TempDir Path out) {
    try (LocalProperties stall =
        LocalProperties.set(
            FaultInjection.FAIL_GRADIENT_OF_PARTITION,
            "1",
            FaultInjection.STALL_RESIDENT_AT_STEP,
            "3")) {
      long started = System.nanoTime();
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> train(out, "peer", "train.barrier.step-timeout-seconds=2"));
      assertEquals(
          "peer step tasks: step 4 of epoch 1 did not finish within 2 s"
              + " (mlp.train.barrier.step-timeout-seconds): a task is stuck mid-step or a peer"
              + " stopped reading; raise mlp.train.barrier.step-timeout-seconds if a step"
              + " legitimately takes longer",
          e.getMessage());
      double seconds = (System.nanoTime() - started) / 1e9;
      assertTrue(seconds < 120, "ended after " + seconds + " s, not at the deadline");
    }
    // the stuck stage was cancelled: the shared context trains again
    assertEquals(
        "peer", train(out.resolve("after"), "peer").summary().at("/execution/engine").asText());
  }

  @Test
  void aBadPortRangeNamesTheKey(@TempDir Path out) {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> DistributedTrainingTest.digits(out, "train.peer.ports=\"70000-70010\""));
    assertEquals(
        "config key 'mlp.train.peer.ports' must be any, a port or a range from-to within 1-65535,"
            + " found \"70000-70010\"",
        e.getMessage());
  }

  private record Retried(int failedAttempts, TrainJob.Result result) {}

  /**
   * A peer run whose partition 1 fails at {@code step}, the failed attempts of task {@code index}
   * counted (-1: any).
   */
  private static Retried trainWithPartition1FailingAt(Path out, int step, int index, String... sets)
      throws Exception {
    TrainJob.Result[] result = new TrainJob.Result[1];
    try (LocalProperties fail =
        LocalProperties.set(
            FaultInjection.FAIL_GRADIENT_OF_PARTITION,
            "1",
            FaultInjection.FAIL_RESIDENT_AT_STEP,
            String.valueOf(step))) {
      int failed =
          FailedTasks.during(
              t -> index < 0 || t.index() == index,
              () -> result[0] = train(out.resolve("retried"), "peer", sets));
      return new Retried(failed, result[0]);
    }
  }

  @ParameterizedTest(name = "sync every {0} steps")
  @ValueSource(ints = {100, 3})
  void aTaskThatFailsAtStep7ReplaysFromTheDriversCopyAndChangesNothing(
      int syncSteps, @TempDir Path out) throws Exception {
    String sync = "train.peer.sync-steps=" + syncSteps;
    double[] clean = train(out.resolve("clean"), "jobs", sync).model().params();
    Retried r = trainWithPartition1FailingAt(out, 7, -1, sync);
    // partition 1 fails at step 7 in the first attempt of each epoch's stage; its partner loses
    // its peer and fails too (whichever Spark hears of first fails the attempt, the other is
    // killed); the next attempt starts from the driver's copy (the epoch's start, or step 6 when
    // it gathers every 3 steps) and replays to step 7
    assertTrue(r.failedAttempts() >= 2, r.failedAttempts() + " failed task attempts");
    assertArrayEquals(clean, r.result().model().params(), 0.0);
    // Spark reruns the attempt within each epoch's stage; the driver gathers its copy at the end
    // of each epoch (23 steps of 64 of 1,438), and after steps 3, 6, ..., 21 when every 3 steps
    assertEquals(2, r.result().summary().at("/timings/step_jobs").asLong(), "stages");
    assertEquals(
        syncSteps == 3 ? 16 : 2, r.result().summary().at("/execution/gathers").asLong(), "gathers");
    // both tasks loaded in each attempt of epoch 1 and in epoch 2's second (the failed attempt
    // used up the state kept from epoch 1); epoch 2's first attempt kept it
    assertEquals(6, r.result().summary().at("/execution/loads").asLong(), "loads");
  }

  @Test
  void aTaskThatFailsWhileTheOthersJoinRetriesTheStageAndChangesNothing(@TempDir Path out)
      throws Exception {
    double[] clean = train(out.resolve("clean"), "jobs").model().params();
    Retried r = trainWithPartition1FailingAt(out, PeerTask.JOINING, 1);
    assertEquals(2, r.failedAttempts(), "failed attempts of partition 1's task");
    assertArrayEquals(clean, r.result().model().params(), 0.0);
  }
}

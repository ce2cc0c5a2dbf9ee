package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.model.Model;
import sparkmlp.core.optim.LearningRateSchedule;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.task.Task;

/** Resuming from a checkpoint continues the run bit for bit. */
class TrainingLoopTest {
  private static final Network NET =
      Network.of(
          4,
          Loss.SOFTMAX_CROSS_ENTROPY,
          Dense.of(8, Activation.TANH),
          Dense.of(3, Activation.SOFTMAX));
  private static final DataBlock TRAIN = Blobs.of(100, 4, 3, 0.8, 1);
  private static final DataBlock VALIDATION = Blobs.of(30, 4, 3, 0.8, 2);
  private static final Model RUN =
      new Model(
          NET,
          Task.MULTICLASS,
          new double[NET.numParams()],
          new Model.Features(Normalizer.none(4), List.of("a", "b", "c", "d"), null),
          List.of("x", "y", "z"),
          "{}");

  private static TrainingConfig config(int epochs) {
    return config(epochs, LearningRateSchedule.stepDecay(2, 0.5));
  }

  private static TrainingConfig config(int epochs, LearningRateSchedule schedule) {
    // 100 examples in batches of 16: 7 steps, the last one of 4; decay and a schedule to exercise
    // every path
    return new TrainingConfigBuilder()
        .setEpochs(epochs)
        .setBatchSize(16)
        .optSeed(9)
        .setOptimizer(Optimizer.adam(0.9, 0.999, 1e-8), 0.02)
        .optSchedule(schedule)
        .optWeightDecay(1e-3)
        .build();
  }

  private static LocalGradientSource source(TrainingConfig c) {
    return new LocalGradientSource(NET, c, TRAIN);
  }

  private static final Validator VALIDATOR = Validator.of(NET, Task.MULTICLASS, 3, VALIDATION);

  private static double[] initial() {
    return Initializer.GLOROT_UNIFORM.initialise(NET, 5);
  }

  private static byte[] checkpoint(TrainingState s) {
    try {
      return CheckpointFileTest.write(RUN, "adam", s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A per-batch schedule resumes mid-epoch on the same rates: the checkpoint holds (epoch, step),
   * and the global step epoch · 7 + step picks the rate, so the resumed run's weights equal the
   * uninterrupted run's bit for bit.
   */
  @ParameterizedTest
  @ValueSource(strings = {"cosine", "one-cycle"})
  void aPerBatchScheduleResumesMidEpochBitForBit(String kind) throws IOException {
    LearningRateSchedule schedule =
        kind.equals("cosine")
            ? LearningRateSchedule.cosine(5, 0.1)
            : LearningRateSchedule.oneCycle(0.3, 25, 1e4);
    TrainingConfig c = config(3, schedule);
    byte[][] saved = new byte[1][];
    TrainingLoop loop = new TrainingLoop(NET, c, TRAIN.size());
    TrainingState whole =
        loop.run(
            loop.newState(initial()),
            source(c),
            VALIDATOR,
            new TrainingListener() {
              @Override
              public void onStep(TrainingState state, int stepsPerEpoch) {
                if (state.epoch == 1 && state.step == 4) {
                  saved[0] = checkpoint(state);
                }
              }
            });
    TrainingState resumed = CheckpointFileTest.read(saved[0]).state();
    assertEquals(1, resumed.epoch);
    assertEquals(4, resumed.step);
    TrainingLoop fresh = new TrainingLoop(NET, c, TRAIN.size());
    fresh.run(resumed, source(c), VALIDATOR, TrainingListener.NONE);
    assertSameRun(whole, resumed);
    // Each epoch reports the rate of its last step, global steps 6, 13 and 20 of 21.
    LearningRateSchedule.RunLength run = new LearningRateSchedule.RunLength(7, 3);
    for (int e = 0; e < 3; e++) {
      assertEquals(schedule.rate(0.02, 7L * e + 6, run), whole.history.get(e).learningRate(), 0);
    }
    // The last step's rate: cosine 0.002 + 0.018 · (1 + cos(15π/16)) / 2 = 0.0021729325 (it
    // reaches its floor 0.1 · 0.02 at step 21, just past the run); one-cycle its floor 0.02 / 25 /
    // 1e4 = 8e-8 at step 20 = T − 1, as PyTorch's.
    assertEquals(
        kind.equals("cosine") ? 0.0021729325 : 8e-8, whole.history.get(2).learningRate(), 1e-10);
    // The step resumed at (global 11) has a rate of its own: a loop that counted steps from the
    // resume (global 4) or from the epoch's start (global 7) would train on other rates.
    double at11 = schedule.rate(0.02, 11, run);
    assertTrue(at11 != schedule.rate(0.02, 4, run) && at11 != schedule.rate(0.02, 7, run));
  }

  private static TrainingState straight() {
    TrainingLoop loop = new TrainingLoop(NET, config(3), TRAIN.size());
    return loop.run(loop.newState(initial()), source(config(3)), VALIDATOR, TrainingListener.NONE);
  }

  private static void assertSameRun(TrainingState expected, TrainingState actual) {
    assertArrayEquals(expected.params, actual.params, 0);
    assertEquals(expected.optimizer, actual.optimizer);
    assertEquals(expected.epoch, actual.epoch);
    assertEquals(expected.history.size(), actual.history.size());
    for (int e = 0; e < expected.history.size(); e++) {
      EpochMetrics a = expected.history.get(e);
      EpochMetrics b = actual.history.get(e);
      assertEquals(a.epoch(), b.epoch());
      assertEquals(a.loss(), b.loss(), 0, "loss of epoch " + a.epoch());
      assertEquals(a.valLoss(), b.valLoss(), 0);
      assertEquals(a.valAccuracy(), b.valAccuracy(), 0);
      assertEquals(a.learningRate(), b.learningRate(), 0);
      assertEquals(a.examples(), b.examples());
    }
  }

  @Test
  void oneEpochThenCheckpointThenTwoMoreEqualsThreeStraight() throws IOException {
    TrainingState whole = straight();
    assertEquals(3, whole.history.size());
    assertEquals(21, whole.optimizer.steps());

    TrainingLoop first = new TrainingLoop(NET, config(1), TRAIN.size());
    TrainingState one =
        first.run(first.newState(initial()), source(config(1)), VALIDATOR, TrainingListener.NONE);
    assertEquals(1, one.epoch);
    byte[] bytes = CheckpointFileTest.write(RUN, "adam", one);

    TrainingState resumed = CheckpointFileTest.read(bytes).state();
    TrainingLoop rest = new TrainingLoop(NET, config(3), TRAIN.size());
    rest.run(resumed, source(config(3)), VALIDATOR, TrainingListener.NONE);
    assertSameRun(whole, resumed);
  }

  @Test
  void resumingFromAMidEpochCheckpointEqualsTheStraightRun() throws IOException {
    byte[][] saved = new byte[1][];
    TrainingLoop loop = new TrainingLoop(NET, config(3), TRAIN.size());
    TrainingState whole =
        loop.run(
            loop.newState(initial()),
            source(config(3)),
            VALIDATOR,
            new TrainingListener() {
              @Override
              public void onStep(TrainingState state, int stepsPerEpoch) {
                assertEquals(7, stepsPerEpoch);
                if (state.epoch == 1 && state.step == 3) {
                  saved[0] = checkpoint(state);
                }
              }
            });
    assertNotNull(saved[0]);
    TrainingState resumed = CheckpointFileTest.read(saved[0]).state();
    assertEquals(1, resumed.epoch);
    assertEquals(3, resumed.step);
    assertEquals(48, resumed.epochCount);
    TrainingLoop fresh = new TrainingLoop(NET, config(3), TRAIN.size());
    fresh.run(resumed, source(config(3)), VALIDATOR, TrainingListener.NONE);
    assertSameRun(whole, resumed);
    assertSameRun(straight(), resumed);
  }

  @Test
  void historyRecordsEveryEpochAndTheScheduledRate() {
    TrainingState s = straight();
    assertEquals(List.of(1, 2, 3), s.history.stream().map(EpochMetrics::epoch).toList());
    assertEquals(0.02, s.history.get(0).learningRate(), 0);
    assertEquals(0.02, s.history.get(1).learningRate(), 0);
    assertEquals(0.01, s.history.get(2).learningRate(), 0);
    for (EpochMetrics m : s.history) {
      assertEquals(100, m.examples());
      assertTrue(m.loss() > 0 && Double.isFinite(m.loss()));
      assertTrue(m.valAccuracy() >= 0 && m.valAccuracy() <= 1);
    }
    // overlapping blobs: the loss falls and most of the validation set is learnt
    assertTrue(s.history.get(2).loss() < 0.5 * s.history.get(0).loss(), s.history.toString());
    assertTrue(s.history.get(2).valLoss() < s.history.get(0).valLoss(), s.history.toString());
    assertTrue(s.history.get(2).valAccuracy() >= 0.8, s.history.toString());
  }
}

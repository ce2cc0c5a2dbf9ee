package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.model.Model;
import sparkmlp.core.model.ModelFile;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.core.task.Task;

class CheckpointFileTest {
  static final Network NET =
      Network.of(
          4,
          Loss.SOFTMAX_CROSS_ENTROPY,
          Dense.of(5, Activation.TANH),
          Dense.of(3, Activation.SOFTMAX));

  static Model runModel() {
    return new Model(
        NET,
        Task.MULTICLASS,
        new double[NET.numParams()],
        new Model.Features(
            new Normalizer(
                Normalizer.Kind.STANDARD,
                new double[] {1, 2, 3, 4},
                new double[] {0.5, 0.25, 1, 2}),
            List.of("f0", "f1", "f2", "f3"),
            null),
        List.of("a", "b", "c"),
        "{\"run\":\"test\"}");
  }

  private static double[] random(SplittableRandom rnd) {
    double[] v = new double[NET.numParams()];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextGaussian();
    }
    return v;
  }

  static byte[] write(Model m, String opt, TrainingState s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CheckpointFile.write(m, opt, s, out);
    return out.toByteArray();
  }

  static CheckpointFile.Checkpoint read(byte[] b) throws IOException {
    return CheckpointFile.read(new ByteArrayInputStream(b), "ckpt");
  }

  @Test
  void midEpochStateRoundTripsExactly() throws IOException {
    SplittableRandom rnd = new SplittableRandom(4);
    TrainingState s =
        new TrainingState(
            random(rnd), new OptimizerState(7, new double[][] {random(rnd), random(rnd)}));
    s.epoch = 2;
    s.step = 3;
    s.epochLossSum = 12.345678901234567;
    s.epochCount = 48;
    s.epochSeconds = 0.1 + 0.2;
    s.bestValue = 0.3125;
    s.bestEpoch = 2;
    s.wait = 1;
    s.bestParams = random(rnd);
    s.history.add(new EpochMetrics(1, 0.9, 0.8, 0.7, 0.01, 100, 1.5, 0.125));
    s.history.add(new EpochMetrics(2, 0.6, Double.NaN, Double.NaN, 0.005, 100, 1.25, Double.NaN));
    CheckpointFile.Checkpoint c = read(write(runModel(), "adam", s));
    TrainingState r = c.state();
    assertEquals("adam", c.optimizerId());
    assertArrayEquals(s.params, r.params, 0);
    assertEquals(s.optimizer, r.optimizer);
    assertEquals(7, r.optimizer.steps());
    assertEquals(2, r.epoch);
    assertEquals(3, r.step);
    assertEquals(s.epochLossSum, r.epochLossSum, 0);
    assertEquals(48, r.epochCount);
    assertEquals(s.epochSeconds, r.epochSeconds, 0);
    assertEquals(0.3125, r.bestValue, 0);
    assertEquals(2, r.bestEpoch);
    assertEquals(1, r.wait);
    assertFalse(r.stopped);
    assertArrayEquals(s.bestParams, r.bestParams, 0);
    assertEquals(s.history, r.history);
    assertEquals(runModel().with(s.params, runModel().trainingJson()), c.model());
  }

  @Test
  void stateWithoutBestWeightsAndWithoutOptimizerSlotsRoundTrips() throws IOException {
    TrainingState s =
        new TrainingState(
            random(new SplittableRandom(9)), Optimizer.sgd().newState(NET.numParams()));
    s.epoch = 5;
    s.stopped = true;
    CheckpointFile.Checkpoint c = read(write(runModel(), "sgd", s));
    assertEquals("sgd", c.optimizerId());
    assertTrue(Double.isNaN(c.state().bestValue));
    assertNull(c.state().bestParams);
    assertTrue(c.state().stopped);
    assertEquals(0, c.state().optimizer.numSlots());
    assertEquals(5, c.state().epoch);
    assertTrue(c.state().history.isEmpty());
  }

  @Test
  void modelAndCheckpointFilesAreNotInterchangeable() throws IOException {
    TrainingState s =
        new TrainingState(new double[NET.numParams()], Optimizer.sgd().newState(NET.numParams()));
    byte[] ckpt = write(runModel(), "sgd", s);
    assertEquals(
        "ckpt: expected a model file, found kind 'checkpoint'",
        assertThrows(
                IllegalArgumentException.class,
                () -> ModelFile.read(new ByteArrayInputStream(ckpt), "ckpt"))
            .getMessage());
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    ModelFile.write(runModel(), model);
    assertEquals(
        "ckpt: expected a checkpoint file, found kind 'model'",
        assertThrows(IllegalArgumentException.class, () -> read(model.toByteArray())).getMessage());
  }

  @Test
  void damagedCheckpointsAreRejected() throws IOException {
    SplittableRandom rnd = new SplittableRandom(4);
    TrainingState s =
        new TrainingState(
            random(rnd), new OptimizerState(7, new double[][] {random(rnd), random(rnd)}));
    byte[] b = write(runModel(), "adam", s);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> read(Arrays.copyOf(b, b.length - 100)))
            .getMessage()
            .startsWith("ckpt: truncated: array 'opt.1'"));
    byte[] flipped = b.clone();
    flipped[b.length - 50] ^= 4;
    assertEquals(
        "ckpt: checksum mismatch: the file is corrupt",
        assertThrows(IllegalArgumentException.class, () -> read(flipped)).getMessage());
  }
}

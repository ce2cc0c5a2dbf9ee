package sparkmlp.spark.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Dropout;
import sparkmlp.core.layer.Network;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.model.Model;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.TestData;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.StepBatches;

/**
 * Dropout on Spark: masks keyed by (seed, epoch, global rank, layer) give the same weights for 1, 3
 * and 8 partitions, and a retried step (same task again, or on a recomputed partition) gives the
 * same gradient bit for bit.
 */
class DropoutTrainingTest {
  private static double[] onePartition;

  private static double[] train(int partitions, Path out) {
    Model m =
        DistributedTrainingTest.train(
                DistributedTrainingTest.digits(
                    out, "model.dropout=[0.3]", "data.partitions=" + partitions),
                new TrainOptions(false, null, false))
            .model();
    assertEquals(
        "64-64(relu)-dropout(0.3)-10(softmax), softmax-cross-entropy", m.network().toString());
    return m.params();
  }

  @ParameterizedTest(name = "{0} partitions")
  @ValueSource(ints = {3, 8})
  void dropoutTrainingGivesTheSameWeightsForAnyPartitioning(int partitions, @TempDir Path out) {
    synchronized (DropoutTrainingTest.class) {
      if (onePartition == null) {
        onePartition = train(1, out.resolve("one"));
      }
    }
    double[] p = train(partitions, out.resolve("many"));
    double maxDiff = 0;
    for (int i = 0; i < p.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(p[i] - onePartition[i]));
    }
    assertTrue(maxDiff < 1e-9, "max |w_" + partitions + " - w_1| = " + maxDiff);
  }

  @Test
  void dropoutChangesTraining(@TempDir Path out) {
    double[] with = train(2, out.resolve("with"));
    double[] without =
        DistributedTrainingTest.train(
                DistributedTrainingTest.digits(out.resolve("without"), "data.partitions=2"),
                new TrainOptions(false, null, false))
            .model()
            .params();
    assertTrue(!Arrays.equals(with, without), "dropout made no difference");
  }

  @Test
  void aRetriedStepGivesTheSameGradientBitForBit() {
    Network net =
        Network.of(
            6,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(16, Activation.RELU),
            Dropout.of(0.5),
            Dense.of(3, Activation.SOFTMAX));
    SplittableRandom rnd = new SplittableRandom(12);
    int n = 40;
    double[] x = new double[n * 6];
    double[] y = new double[n];
    long[] ranks = new long[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 6; j++) {
        x[i * 6 + j] = rnd.nextGaussian();
      }
      y[i] = i % 3;
      ranks[i] = 3L * i + 1; // one partition's share of 120 examples
    }
    double[] params = new double[net.numParams()];
    for (int i = 0; i < params.length; i++) {
      params[i] = rnd.nextDouble(-0.5, 0.5);
    }
    DataBlock block = DataBlock.of(6, 1, x, y, ranks);
    PartitionData first = new PartitionData(block);
    StepBatches batches = new StepBatches(net, 120, 32, 9);
    GradientSum a = copy(first.gradient(batches, new DoubleVec(params), 1, 2));
    first.gradient(batches, new DoubleVec(params), 1, 0); // another step in between
    GradientSum again = copy(first.gradient(batches, new DoubleVec(params), 1, 2));
    // a recomputed partition: fresh scratch state, same block
    GradientSum recomputed =
        new PartitionData(block).gradient(batches, new DoubleVec(params), 1, 2);
    assertTrue(a.count() > 0);
    for (GradientSum b : new GradientSum[] {again, recomputed}) {
      assertEquals(a.count(), b.count());
      assertEquals(a.lossSum(), b.lossSum(), 0);
      assertArrayEquals(a.grad(), b.grad(), 0);
    }
  }

  private static GradientSum copy(GradientSum s) {
    return new GradientSum(s.grad().clone(), s.lossSum(), s.count());
  }

  @Test
  void aDropoutListOfTheWrongLengthIsAConfigError(@TempDir Path out) {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> DistributedTrainingTest.digits(out, "model.dropout=[0.3, 0.2]"));
    assertEquals(
        "config key 'mlp.model.dropout': expected one rate per hidden layer (1) or none, found 2",
        e.getMessage());
    InvalidConfigException range =
        assertThrows(
            InvalidConfigException.class,
            () -> DistributedTrainingTest.digits(out, "model.dropout=[1.0]"));
    assertEquals(
        "config key 'mlp.model.dropout[0]' must be in [0, 1), found 1", range.getMessage());
  }

  @Test
  void theShippedDropoutConfigForFashionMnistLoads() {
    JobConfig c =
        ConfigLoader.load(Path.of(TestData.conf("fashion-mnist-dropout.conf")), List.of());
    assertEquals(List.of(512, 256), c.model().hiddenLayers());
    assertEquals(List.of(0.2, 0.2), c.model().dropout());
    assertEquals(sparkmlp.core.data.Normalizer.Kind.STANDARD, c.model().normalization());
    assertEquals(512, c.train().batchSize());
    assertEquals(0.003, c.train().optimizer().learningRate());
    assertEquals(sparkmlp.core.optim.ScheduleKind.ONE_CYCLE, c.train().schedule().type());
    assertEquals(0.3, c.train().schedule().pctStart());
    assertEquals(sparkmlp.core.data.Precision.FLOAT, c.train().precision());
    assertEquals(14, c.train().epochs());
  }
}

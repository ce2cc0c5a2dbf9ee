package sparkmlp.spark.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.Network;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.TrainSettings.Reduction;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.FailedTasks;
import sparkmlp.spark.engine.FaultInjection;
import sparkmlp.spark.engine.LocalProperties;
import sparkmlp.spark.engine.StepSpec;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.run.DistributedTrainingTest;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;
import sparkmlp.spark.run.TrainingSetup;

/**
 * The sharded reduction adds every element in the same order as the direct path, so the two give
 * bit-identical sums and weights; runs repeat bit for bit, and a task that fails once and is
 * retried changes nothing. A failure asked for on one thread reaches only that thread's jobs.
 */
class ShardedReductionTest {
  @ParameterizedTest(name = "{0} shards")
  @ValueSource(ints = {1, 2, 7, 64})
  void shardedStepSumEqualsDirectStepSumBitForBit(int shards, @TempDir Path out) {
    JobConfig config =
        DistributedTrainingTest.digits(out, "data.partitions=5", "train.batch-size=100");
    SparkSession spark = SharedSpark.session();
    DataPreparer prep = new DataPreparer(spark, config.data());
    RawData raw = prep.read("mlp.data.train", config.data().train(), null);
    LabelEncoder enc = prep.encoderFor(Task.MULTICLASS, raw);
    PreparedData data =
        prep.prepare(raw, null, enc, Normalizer.Kind.STANDARD, null, 42, Task.MULTICLASS);
    Network net = TrainingSetup.network(config.model(), 64, enc);
    double[] params = TrainingSetup.initializer(config.model(), net).initialise(net, 7);
    int steps = BatchPlan.numSteps(data.numTrain(), 100);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    StepSpec spec = new StepSpec(net, data, 100, 42, steps, Precision.DOUBLE);
    JobsEngine direct = new JobsEngine(jsc, spec);
    JobsEngine sharded =
        new JobsEngine(
            jsc, spec, new ReductionPlan(Reduction.SHARDED, shards, 8L * net.numParams(), "test"));
    for (int step : new int[] {0, 3, steps - 1}) {
      GradientSum a = direct.compute(params, 1, step);
      double[] expected = a.grad().clone();
      double loss = a.lossSum();
      long count = a.count();
      GradientSum b = sharded.compute(params, 1, step);
      assertEquals(count, b.count());
      assertEquals(Double.doubleToLongBits(loss), Double.doubleToLongBits(b.lossSum()));
      assertArrayEquals(expected, b.grad(), 0.0, "step " + step);
    }
    // The last step is short (1438 = 14 x 100 + 38): some partitions have no example in it.
    assertEquals(38, direct.compute(params, 1, steps - 1).count());
    direct.close();
    sharded.close();
    data.release();
  }

  @Test
  void bothPathsAndRepeatedRunsGiveBitIdenticalWeights(@TempDir Path out) {
    double[] direct = weights(out.resolve("d1"), "direct");
    double[] sharded = weights(out.resolve("s1"), "sharded");
    double[] shardedAgain = weights(out.resolve("s2"), "sharded");
    double[] directAgain = weights(out.resolve("d2"), "direct");
    assertArrayEquals(direct, directAgain, 0.0);
    assertArrayEquals(sharded, shardedAgain, 0.0);
    assertArrayEquals(direct, sharded, 0.0);
  }

  @Test
  void aGradientTaskThatFailsOnceGivesBitIdenticalWeights(@TempDir Path out) throws Exception {
    double[] clean = weights(out.resolve("clean"), "sharded");
    double[][] retried = new double[2][];
    int failed;
    try (LocalProperties fail =
        LocalProperties.set(FaultInjection.FAIL_GRADIENT_OF_PARTITION, "1")) {
      failed =
          FailedTasks.during(
              t -> true,
              () -> {
                retried[0] = weights(out.resolve("retried-sharded"), "sharded");
                retried[1] = weights(out.resolve("retried-direct"), "direct");
              });
    }
    // Partition 1 fails on the first attempt of every step job: 23 steps (1,438 examples, batch
    // 64), two runs.
    assertEquals(46, failed);
    assertArrayEquals(clean, retried[0], 0.0);
    assertArrayEquals(clean, retried[1], 0.0);
  }

  @Test
  void aShardSumTaskThatFailsOnceGivesBitIdenticalWeights(@TempDir Path out) throws Exception {
    double[] clean = weights(out.resolve("clean"), "sharded");
    double[][] retried = new double[1][];
    int failed;
    try (LocalProperties fail = LocalProperties.set(FaultInjection.FAIL_SUM_OF_SHARD, "1")) {
      failed =
          FailedTasks.during(
              t -> true, () -> retried[0] = weights(out.resolve("retried"), "sharded"));
    }
    assertEquals(23, failed);
    assertArrayEquals(clean, retried[0], 0.0);
  }

  @Test
  void aFailureAskedForOnOneThreadLeavesRunsOnOtherThreadsAlone(@TempDir Path out)
      throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      // its thread starts before the property is set, so it inherits none of this thread's
      other.submit(() -> {}).get();
      double[] clean = weights(out.resolve("clean"), "direct");
      double[][] elsewhere = new double[1][];
      int failed;
      try (LocalProperties fail =
          LocalProperties.set(FaultInjection.FAIL_GRADIENT_OF_PARTITION, "1")) {
        failed =
            FailedTasks.during(
                t -> true,
                () -> {
                  try {
                    elsewhere[0] =
                        other.submit(() -> weights(out.resolve("elsewhere"), "direct")).get();
                  } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                  }
                });
      }
      assertEquals(0, failed);
      assertArrayEquals(clean, elsewhere[0], 0.0);
    } finally {
      other.shutdown();
    }
  }

  private static double[] weights(Path out, String reduction) {
    TrainJob.Result r =
        DistributedTrainingTest.train(
            DistributedTrainingTest.digits(
                out, "data.partitions=3", "train.epochs=1", "train.reduction=" + reduction),
            new TrainOptions(false, null, false));
    assertEquals(reduction, r.summary().at("/execution/reduction/path").asText());
    return r.model().params();
  }
}

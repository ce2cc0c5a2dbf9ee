package sparkmlp.spark.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.Network;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.StepSpec;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.run.DistributedTrainingTest;
import sparkmlp.spark.run.TrainingSetup;

/**
 * The driver's averaged gradient of a step equals the single-process gradient of the same global
 * batch.
 */
class GradientAggregationTest {
  @Test
  void averagedGradientOfThreePartitionsEqualsSingleProcessGradient(@TempDir Path out) {
    JobConfig config =
        DistributedTrainingTest.digits(out, "data.partitions=3", "train.batch-size=100");
    SparkSession spark = SharedSpark.session();
    DataPreparer prep = new DataPreparer(spark, config.data());
    RawData raw = prep.read("mlp.data.train", config.data().train(), null);
    LabelEncoder enc = prep.encoderFor(Task.MULTICLASS, raw);
    PreparedData data =
        prep.prepare(raw, null, enc, Normalizer.Kind.STANDARD, null, 42, Task.MULTICLASS);
    Network net = TrainingSetup.network(config.model(), 64, enc);
    double[] params = TrainingSetup.initializer(config.model(), net).initialise(net, 7);
    int steps = BatchPlan.numSteps(data.numTrain(), 100);
    JobsEngine source =
        new JobsEngine(
            JavaSparkContext.fromSparkContext(spark.sparkContext()),
            new StepSpec(net, data, 100, 42, steps, Precision.DOUBLE));
    GradientSum distributed = source.compute(params, 1, 3);
    source.close();

    // All partitions' blocks joined into one: the single-process view of the same data.
    java.util.List<DataBlock> blocks = data.train().map(PartitionData::block).collect();
    DataBlock all = DataBlock.concat(blocks);
    BatchPlan plan = BatchPlan.of(all, data.numTrain(), 100, 42, 1);
    double[] single = new double[net.numParams()];
    int count = plan.count(3);
    double[] x = new double[64 * count];
    double[] y = new double[count];
    plan.gather(all, 3, x, y);
    double loss =
        net.gradient(params, BatchView.of(x, y, count), single, net.newWorkspace(count), null);

    assertEquals(100, distributed.count());
    assertEquals(count, distributed.count());
    assertEquals(loss, distributed.lossSum(), 1e-9 * Math.abs(loss));
    double maxRel = 0;
    for (int i = 0; i < single.length; i++) {
      double a = distributed.grad()[i] / distributed.count();
      double b = single[i] / count;
      maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(1e-12, Math.abs(b)));
    }
    assertTrue(maxRel < 1e-9, "max relative difference " + maxRel);
    data.release();
  }
}

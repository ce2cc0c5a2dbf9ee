package sparkmlp.spark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.spark.TestData;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;

/**
 * No hidden size limit: a 4.2 M-parameter network (784-2048-1280-10) trains on 64 partitions on the
 * shared local[2] context without any Spark setting touched. The direct path would send 64 x 34 MB
 * = 2.2 GB to the driver per step, above spark.driver.maxResultSize (1 GiB); auto shards it.
 */
class LargeNetworkTest {
  private static final int FEATURES = 784;

  @Test
  void fourMillionParametersTrainOn64Partitions(@TempDir Path dir) {
    Path train = TestData.write(dir, "train.csv", csv(256, 10, 5));
    TrainJob.Result spark =
        DistributedTrainingTest.train(
            config(dir.resolve("spark"), train, "data.partitions=64", "train.single-process=never"),
            new TrainOptions(false, null, false));
    assertEquals(4_243_210, spark.summary().get("parameters").asInt());
    assertEquals("sharded", spark.summary().at("/execution/reduction/path").asText());
    assertEquals(33, spark.summary().at("/execution/reduction/shards").asInt());
    assertEquals(2, spark.summary().at("/timings/step_jobs").asInt());
    double loss = spark.history().get(0).loss();
    assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);

    // The same two steps in the driver (single-process trainer): equal to 1e-9.
    TrainJob.Result driver =
        DistributedTrainingTest.train(
            config(dir.resolve("driver"), train, "train.single-process=auto"),
            new TrainOptions(false, null, false));
    assertEquals("single-process", driver.summary().at("/execution/engine").asText());
    double[] a = spark.model().params();
    double[] b = driver.model().params();
    double maxDiff = 0;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    }
    assertTrue(maxDiff < 1e-9, "max |w_64 partitions - w_driver| = " + maxDiff);
  }

  private static JobConfig config(Path out, Path train, String... extra) {
    List<String> sets =
        new java.util.ArrayList<>(
            List.of(
                "data.train=" + train,
                "data.validation-split=0",
                "model.hidden-layers=[2048,1280]",
                "train.epochs=1",
                "train.batch-size=128",
                "train.checkpoint.every-epochs=0",
                "output.dir=" + out,
                "log.progress=never"));
    sets.addAll(List.of(extra));
    return ConfigLoader.load(null, sets);
  }

  /** n rows of small integer pixels whose class shifts their mean, so the loss can fall. */
  private static String csv(int n, int classes, long seed) {
    Random r = new Random(seed);
    StringBuilder s = new StringBuilder();
    for (int j = 0; j < FEATURES; j++) {
      s.append('f').append(j).append(',');
    }
    s.append("label\n");
    for (int i = 0; i < n; i++) {
      int label = i % classes;
      for (int j = 0; j < FEATURES; j++) {
        s.append(r.nextInt(8) + (j % classes == label ? 4 : 0)).append(',');
      }
      s.append(label).append('\n');
    }
    return s.toString();
  }
}

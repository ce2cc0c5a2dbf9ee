package sparkmlp.spark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Network;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.Trainer;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.TestData;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.store.CheckpointStore;

/**
 * The Spark trainer against core's single-process reference on digits: same model to 1e-9, any
 * partitioning.
 */
public class DistributedTrainingTest {
  private static final String TRAIN = TestData.dataset("digits", "train.csv");
  private static double[] reference;

  public static JobConfig digits(Path out, String... extra) {
    List<String> sets =
        new ArrayList<>(
            List.of(
                "data.train=" + TRAIN,
                "data.test=",
                "data.validation-split=0",
                "train.epochs=2",
                "train.checkpoint.every-epochs=0",
                "output.dir=" + out,
                "log.progress=never",
                "train.single-process=never"));
    sets.addAll(List.of(extra));
    return ConfigLoader.load(Path.of(TestData.conf("digits.conf")), sets);
  }

  public static TrainJob.Result train(JobConfig config, TrainOptions options) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    return new TrainJob(SharedSpark.session(), config, options, quiet, quiet).run();
  }

  /** Core's reference trainer on the same file, encoded and normalised the same way. */
  @BeforeAll
  static void referenceTraining(@TempDir Path tmp) {
    JobConfig config = digits(tmp);
    List<String[]> rows = TestData.rows(TRAIN);
    int nf = rows.get(0).length - 1;
    List<String> labels = new ArrayList<>();
    rows.forEach(r -> labels.add(r[nf]));
    LabelEncoder enc = LabelEncoder.forClasses(Task.MULTICLASS, LabelEncoder.sortedClasses(labels));
    double[] x = new double[rows.size() * nf];
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < nf; j++) {
        x[i * nf + j] = Double.parseDouble(rows.get(i)[j]);
      }
      enc.encode(new String[] {rows.get(i)[nf]}, y, i);
    }
    FeatureStats stats = new FeatureStats(nf);
    for (int i = 0; i < rows.size(); i++) {
      stats.add(x, i * nf);
    }
    Normalizer.fit(Normalizer.Kind.STANDARD, stats).apply(x, 0, rows.size());
    Network net = TrainingSetup.network(config.model(), nf, enc);
    TrainingConfig tc = TrainingSetup.trainingConfig(config.train());
    double[] init = TrainingSetup.initializer(config.model(), net).initialise(net, tc.seed());
    TrainingState s =
        new Trainer(net, Task.MULTICLASS, 10, tc)
            .fit(init, DataBlock.of(nf, 1, x, y, null), null, TrainingListener.NONE);
    assertEquals(2, s.history.size());
    reference = s.params;
  }

  @ParameterizedTest(name = "{0} partitions, {1} reduction")
  @CsvSource({
    "1, direct", "3, direct", "8, direct", "16, direct",
    "1, sharded", "3, sharded", "8, sharded", "16, sharded"
  })
  void sparkTrainingMatchesSingleProcessReference(
      int partitions, String reduction, @TempDir Path out) {
    TrainJob.Result result =
        train(
            digits(
                out,
                "data.partitions=" + partitions,
                "train.reduction=" + reduction,
                "train.engine=jobs"),
            new TrainOptions(false, null, false));
    assertEquals("spark", result.summary().at("/execution/engine").asText());
    assertEquals(reduction, result.summary().at("/execution/reduction/path").asText());
    assertMatchesReference(result.model().params());
  }

  @Test
  void smallDataOnALocalMasterTrainsInTheDriverByDefault(@TempDir Path out) {
    TrainJob.Result result =
        train(
            digits(out, "data.partitions=3", "train.single-process=auto"),
            new TrainOptions(false, null, false));
    assertEquals("single-process", result.summary().at("/execution/engine").asText());
    assertEquals(0, result.summary().at("/timings/step_jobs").asLong());
    assertMatchesReference(result.model().params());
  }

  private static void assertMatchesReference(double[] p) {
    assertEquals(reference.length, p.length);
    double maxDiff = 0;
    for (int i = 0; i < p.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(p[i] - reference[i]));
    }
    assertTrue(maxDiff < 1e-9, "max |w_spark - w_reference| = " + maxDiff);
    assertTrue(Arrays.stream(p).anyMatch(v -> v != 0));
  }

  /**
   * With resident barrier tasks too: the resumed epoch's stage starts at the checkpoint's step.
   * With a per-batch schedule (cosine, one-cycle) the resumed steps also get the uninterrupted
   * run's rates, which follow from the checkpoint's (epoch, step).
   */
  @ParameterizedTest(name = "engine {0}, schedule {1}")
  @CsvSource({"jobs, constant", "barrier, constant", "jobs, cosine", "barrier, one-cycle"})
  void resumeFromMidEpochCheckpointEqualsUninterruptedRun(
      String engine, String schedule, @TempDir Path out) throws Exception {
    JobConfig config =
        digits(
            out,
            "data.partitions=2",
            "train.engine=" + engine,
            "train.checkpoint.every-steps=10",
            "train.checkpoint.keep=100",
            "train.schedule.type=" + schedule,
            "train.schedule.warmup-steps=" + (schedule.equals("cosine") ? 5 : 0),
            "train.schedule.min-fraction=0.1");
    double[] uninterrupted = train(config, new TrainOptions(false, null, false)).model().params();
    CheckpointStore store =
        new CheckpointStore(new org.apache.hadoop.conf.Configuration(), out + "/checkpoints", 100);
    List<String> all = store.checkpoints();
    // Keep checkpoints up to one in the middle of epoch 2, as if the driver had died right after
    // writing it.
    String crashPoint =
        all.stream()
            .filter(p -> p.contains("ckpt-e000001-s") && !p.endsWith("s000000000.ckpt"))
            .findFirst()
            .orElseThrow();
    for (String p : all) {
      if (p.compareTo(crashPoint) > 0) {
        java.nio.file.Files.delete(Path.of(java.net.URI.create(p).getPath()));
      }
    }
    java.nio.file.Files.delete(out.resolve("model.mlp"));
    double[] resumed = train(config, new TrainOptions(true, null, false)).model().params();
    assertTrue(
        Arrays.equals(uninterrupted, resumed), "resumed weights differ from the uninterrupted run");
  }
}

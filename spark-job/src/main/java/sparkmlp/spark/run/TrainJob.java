package sparkmlp.spark.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Network;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.config.CheckpointSettings;
import sparkmlp.spark.config.DataSettings;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.eval.EvaluationJob;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.FileSystems;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.report.ConsoleReporter;
import sparkmlp.spark.store.CheckpointStore;
import sparkmlp.spark.store.ModelStore;

/**
 * A training run end to end: read and check everything first (so bad input writes nothing), prepare
 * and cache the data, run core's training loop on the configured step engine, checkpoint as
 * configured, then write the model, its summary, the metrics and a chart — each file atomically.
 */
public final class TrainJob {
  /** What a run produced. */
  public record Result(
      Model model,
      String modelPath,
      List<EpochMetrics> history,
      Evaluation test,
      ObjectNode summary) {}

  /** The network and the data a run trains on, checked against the start point's model. */
  private record Inputs(
      Network net, LabelEncoder encoder, PreparedData data, JavaRDD<DataBlock> testBlocks) {}

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final Configuration hadoop;
  private final JobConfig config;
  private final TrainOptions options;
  private final PrintStream out;
  private final PrintStream err;

  public TrainJob(
      SparkSession spark,
      JobConfig config,
      TrainOptions options,
      PrintStream out,
      PrintStream err) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.hadoop = spark.sparkContext().hadoopConfiguration();
    hadoop.set(AtomicFiles.PERMISSIONS_KEY, config.output().permissions()); // every file written
    this.config = config;
    this.options = options;
    this.out = out;
    this.err = err;
  }

  public Result run() {
    long started = System.nanoTime();
    String outDir =
        AtomicFiles.withoutTrailingSlash(required(config.output().dir(), "mlp.output.dir"));
    required(config.data().train(), "mlp.data.train");
    Task task = config.model().task();
    TrainingSetup.checkEarlyStopping(config.train(), task, config.data());
    TrainingConfig tc = TrainingSetup.trainingConfig(config.train());
    CheckpointSettings cs = config.train().checkpoint();
    CheckpointStore store = checkpointStore(outDir, cs);
    StartPoint start = StartPoint.decide(options, store, hadoop, tc.epochs(), out, err);

    Inputs in = prepare(task, tc, start);
    PreparedData data = in.data();
    Network net = in.net();
    double prepareSeconds = (System.nanoTime() - started) / 1e9;
    TrainingRun run = new TrainingRun(jsc, config, tc, out);
    TrainingRun.Ready ready = run.begin(start, net, data);
    TrainingState state = ready.state();
    RunFiles.Checkpoints checkpoints =
        new RunFiles.Checkpoints(
            store, cs, tc.optimizer().id(), ready.loop().stepsPerEpoch(), tc.epochs());
    RunFiles files = new RunFiles(hadoop, outDir, ready.skeleton(), checkpoints, options.fence());
    ConsoleReporter reporter = reporter(tc.epochs());
    TrainingRun.Trained trained;
    try {
      trained = run.train(ready, both(reporter, files));
    } finally {
      reporter.endBar();
    }

    Evaluation test = evaluateTest(in, state.params);
    RunSummary.Timings timings =
        new RunSummary.Timings(prepareSeconds, (System.nanoTime() - started) / 1e9);
    ObjectNode summary = run.summary(ready, new RunSummary.Outcome(start, trained, test), timings);
    Model model = ready.skeleton().with(state.params, summary.toString());
    String modelPath = writeOutputs(outDir, model, summary, files, state);
    data.release();
    out.println("model written to " + modelPath);
    return new Result(model, modelPath, List.copyOf(state.history), test, summary);
  }

  /**
   * The model, {@code summary.json} and the history chart, each after the write fence (a retrain
   * that lost its lock writes none of them); returns the model's path.
   */
  private String writeOutputs(
      String outDir, Model model, ObjectNode summary, RunFiles files, TrainingState state) {
    options.fence().check();
    String modelPath = ModelStore.save(hadoop, outDir, model);
    options.fence().check();
    AtomicFiles.writeString(hadoop, outDir + "/summary.json", Json.pretty(summary));
    files.writeHistory(state.history);
    return modelPath;
  }

  /**
   * The checkpoint store, after checking the file systems of where the model and checkpoints go.
   * They are checked before any data is read: a missing connector would otherwise fail at the first
   * checkpoint, after an epoch of training.
   */
  private CheckpointStore checkpointStore(String outDir, CheckpointSettings cs) {
    FileSystems.check(hadoop, outDir, "mlp.output.dir");
    if (cs.dir() != null) {
      FileSystems.check(hadoop, cs.dir(), "mlp.train.checkpoint.dir");
    }
    return new CheckpointStore(
        hadoop, cs.dir() != null ? cs.dir() : outDir + "/checkpoints", cs.keep());
  }

  /**
   * Reads the training, validation and test data, checks them against the model a resumed or
   * warm-started run continues ({@code start}'s base), builds the network and prepares the data.
   */
  private Inputs prepare(Task task, TrainingConfig tc, StartPoint start) {
    Model base = start.base();
    DataSettings d = config.data();
    DataPreparer prep = new DataPreparer(spark, d);
    RawData raw = prep.read("mlp.data.train", d.train(), d.trainLabels());
    RawData validationRaw =
        d.validation() == null
            ? null
            : prep.read("mlp.data.validation", d.validation(), d.validationLabels());
    RawData testRaw =
        d.test() == null ? null : prep.read("mlp.data.test", d.test(), d.testLabels());
    start.checkTask(task);
    if (base != null) {
      DataPreparer.checkFeatures(raw, base.featureNames());
    }
    LabelEncoder encoder = base != null ? TrainingSetup.encoder(base) : prep.encoderFor(task, raw);
    Network net = TrainingSetup.network(config.model(), raw.featureNames().size(), encoder);
    start.checkNetwork(net);
    if (testRaw != null) {
      DataPreparer.checkFeatures(testRaw, raw.featureNames());
    }
    PreparedData data =
        prep.prepare(
            raw,
            validationRaw,
            encoder,
            config.model().normalization(),
            base == null ? null : base.normalizer(),
            tc.seed(),
            task);
    JavaRDD<DataBlock> testBlocks =
        testRaw == null
            ? null
            : prep.evaluationBlocks(testRaw, encoder, data.normalizer(), data.featureNames());
    if (tc.earlyStopping() != null
        && tc.earlyStopping().monitor().needsValidation()
        && data.validation() == null) {
      // The split was set but drew no rows.
      throw TrainingSetup.missingValidation(tc.earlyStopping().monitor());
    }
    return new Inputs(net, encoder, data, testBlocks);
  }

  private ConsoleReporter reporter(int epochs) {
    return new ConsoleReporter(out, options.progressBar() ? err : null, epochs);
  }

  /** The final weights on the test data, printed; null without test data. */
  private Evaluation evaluateTest(Inputs in, double[] params) {
    if (in.testBlocks() == null) {
      return null;
    }
    jsc.setJobDescription("test evaluation");
    Evaluation test =
        new EvaluationJob(jsc, in.net(), config.model().task(), TrainingRun.classes(in.encoder()))
            .evaluate(in.testBlocks(), params);
    out.printf(
        Locale.ROOT,
        "test: loss %.4f%s on %,d examples%n",
        test.loss(),
        Double.isNaN(test.accuracy())
            ? ""
            : String.format(Locale.ROOT, "  accuracy %.4f", test.accuracy()),
        test.count());
    return test;
  }

  /** Both listeners, {@code first} first. */
  private static TrainingListener both(TrainingListener first, TrainingListener second) {
    return new TrainingListener() {
      @Override
      public boolean readsWeightsOnStep(TrainingState s, int stepsPerEpoch) {
        return first.readsWeightsOnStep(s, stepsPerEpoch)
            || second.readsWeightsOnStep(s, stepsPerEpoch);
      }

      @Override
      public void onStep(TrainingState s, int stepsPerEpoch) {
        first.onStep(s, stepsPerEpoch);
        second.onStep(s, stepsPerEpoch);
      }

      @Override
      public void onEpoch(TrainingState s, EpochMetrics m) {
        first.onEpoch(s, m);
        second.onEpoch(s, m);
      }
    };
  }

  private static String required(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new InvalidConfigException(
          "config key '"
              + key
              + "' is required for train; set it in the config or with --set "
              + key.substring(4)
              + "=...");
    }
    return value;
  }
}

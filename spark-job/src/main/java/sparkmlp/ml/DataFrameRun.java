package sparkmlp.ml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.report.ConsoleReporter;
import sparkmlp.spark.run.RunSummary;
import sparkmlp.spark.run.StartPoint;
import sparkmlp.spark.run.TrainOptions;
import sparkmlp.spark.run.TrainingRun;
import sparkmlp.spark.run.TrainingSetup;
import sparkmlp.spark.store.CheckpointStore;

/**
 * One training run on rows already read, as {@code mlp train} runs one: the CLI's preparation
 * ({@link DataPreparer}), its network and training settings ({@link TrainingSetup}), its start
 * point ({@link StartPoint}: the checkpoints in a folder, a saved model, given weights), its
 * training ({@link TrainingRun}: the configured step engine, validation, the same progress lines)
 * and its summary ({@link RunSummary}), stored in the model; when a folder is given, a checkpoint
 * after every epoch.
 */
final class DataFrameRun {
  private static final int KEEP_CHECKPOINTS = 2;

  private final SparkSession spark;
  private final JobConfig config;
  private final RawData train;
  private final RawData validation;
  private final LabelEncoder encoder;
  private final StartFrom from;
  private final PrintStream out;

  /**
   * Where a fit starts: weights given as a param, a saved model, or the checkpoints in a folder
   * (empty strings and null when not set).
   */
  record StartFrom(double[] initialWeights, String initialModel, String checkpointDir) {}

  /** A fit in the active Spark session. */
  DataFrameRun(
      JobConfig config,
      RawData train,
      RawData validation,
      LabelEncoder encoder,
      StartFrom from,
      PrintStream out) {
    this.spark = SparkSession.active();
    this.config = config;
    this.train = train;
    this.validation = validation;
    this.encoder = encoder;
    this.from = from;
    this.out = out;
  }

  Model run() {
    long started = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Task task = config.model().task();
    TrainingConfig tc = TrainingSetup.trainingConfig(config.train());
    Network net = TrainingSetup.network(config.model(), train.featureNames().size(), encoder);
    CheckpointStore store = checkpointStore();
    StartPoint start = start(store, tc.epochs(), task, net);
    PreparedData data = prepare(tc, task, start.base());
    try {
      double prepareSeconds = (System.nanoTime() - started) / 1e9;
      TrainingRun run = new TrainingRun(jsc, config, tc, out);
      TrainingRun.Ready ready = run.begin(start, net, data);
      ConsoleReporter reporter = new ConsoleReporter(out, null, tc.epochs());
      TrainingRun.Trained trained =
          run.train(ready, listener(reporter, store, ready.skeleton(), tc));
      RunSummary.Timings timings =
          new RunSummary.Timings(prepareSeconds, (System.nanoTime() - started) / 1e9);
      ObjectNode summary =
          run.summary(ready, new RunSummary.Outcome(start, trained, null), timings);
      return ready.skeleton().with(ready.state().params, summary.toString());
    } finally {
      data.release();
    }
  }

  /** The checkpoint folder's store, or null when no folder is given. */
  private CheckpointStore checkpointStore() {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    return from.checkpointDir().isEmpty()
        ? null
        : new CheckpointStore(hadoop, from.checkpointDir(), KEEP_CHECKPOINTS);
  }

  /**
   * Where training starts, decided as {@code mlp train --resume --init-model} decides it: the
   * newest checkpoint in the folder if there is one, else the initial model if one is given (the
   * initial weights, when given, over it), else fresh weights; checked against the network.
   */
  private StartPoint start(CheckpointStore store, int epochs, Task task, Network net) {
    String initModel = from.initialModel().isEmpty() ? null : from.initialModel();
    TrainOptions options = new TrainOptions(store != null, initModel, false);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    StartPoint start =
        StartPoint.decide(options, store, hadoop, epochs, out, out)
            .withWeights(from.initialWeights());
    start.checkTask(task);
    start.checkNetwork(net);
    return start;
  }

  /** The CLI's preparation of the rows, normalized as {@code base} was when it is given. */
  private PreparedData prepare(TrainingConfig tc, Task task, Model base) {
    DataPreparer prep = new DataPreparer(spark, config.data());
    Normalizer.Kind kind = config.model().normalization();
    return prep.prepare(
        train, validation, encoder, kind, base == null ? null : base.normalizer(), tc.seed(), task);
  }

  /**
   * Progress lines on every step and epoch, and a checkpoint after each epoch when a folder is
   * given.
   */
  private static TrainingListener listener(
      ConsoleReporter reporter, CheckpointStore store, Model skeleton, TrainingConfig tc) {
    return new TrainingListener() {
      @Override
      public void onStep(TrainingState s, int stepsPerEpoch) {
        reporter.onStep(s, stepsPerEpoch);
      }

      @Override
      public void onEpoch(TrainingState s, EpochMetrics m) {
        reporter.onEpoch(s, m);
        if (store != null) {
          store.save(skeleton, tc.optimizer().id(), s);
        }
      }
    };
  }
}

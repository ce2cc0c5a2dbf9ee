package sparkmlp.ml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.CheckpointFile;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingLoop;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.report.ConsoleReporter;
import sparkmlp.spark.run.TrainingRun;
import sparkmlp.spark.run.TrainingSetup;
import sparkmlp.spark.store.CheckpointStore;
import sparkmlp.spark.store.ModelStore;

/**
 * One training run on rows already read: the CLI's preparation ({@link DataPreparer}), its network
 * and training settings ({@link TrainingSetup}), then the CLI's training ({@link TrainingRun}: the
 * configured step engine, validation, the same progress lines) and, when a folder is given, its
 * checkpoints and resume.
 */
final class DataFrameRun {
  private static final int KEEP_CHECKPOINTS = 2;

  private final SparkSession spark;
  private final JobConfig config;
  private final RawData train;
  private final RawData validation;
  private final LabelEncoder encoder;
  private final double[] initialWeights;
  private final String initialModel;
  private final String checkpointDir;
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
    this.initialWeights = from.initialWeights();
    this.initialModel = from.initialModel();
    this.checkpointDir = from.checkpointDir();
    this.out = out;
  }

  Model run() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Task task = config.model().task();
    TrainingConfig tc = TrainingSetup.trainingConfig(config.train());
    Network net = TrainingSetup.network(config.model(), train.featureNames().size(), encoder);
    Start start = start(hadoop, task, net);
    PreparedData data = prepare(tc, task, start.base());
    try {
      TrainingRun run = new TrainingRun(jsc, config, tc, out);
      run.printStart(net, data);
      TrainingLoop loop = new TrainingLoop(net, tc, data.numTrain());
      TrainingState state = initialState(start, loop, tc, net);
      Model skeleton = TrainingRun.skeleton(net, task, state.params, data, encoder);
      ConsoleReporter reporter = new ConsoleReporter(out, null, tc.epochs());
      TrainingRun.Trained trained =
          run.train(
              loop, net, encoder, data, state, listener(reporter, start.store(), skeleton, tc));
      return skeleton.with(state.params, summary(data, trained).toString());
    } finally {
      data.release();
    }
  }

  /**
   * Where training starts: the newest checkpoint in the folder if there is one, else the initial
   * model if one is given, else nothing.
   *
   * @param store the checkpoint folder, null when none is given
   * @param newest the newest checkpoint read from it, or null
   * @param checkpoint the checkpoint to resume from, or null
   * @param warm the initial model to start from when there is no checkpoint, or null
   */
  private record Start(
      CheckpointStore store,
      CheckpointStore.Loaded newest,
      CheckpointFile.Checkpoint checkpoint,
      Model warm) {
    /** The model whose network and normalizer training continues from, or null. */
    Model base() {
      return checkpoint != null ? checkpoint.model() : warm;
    }
  }

  /** Reads the start point and checks it, and the initial weights, against the network. */
  private Start start(Configuration hadoop, Task task, Network net) {
    CheckpointStore store =
        checkpointDir.isEmpty()
            ? null
            : new CheckpointStore(hadoop, checkpointDir, KEEP_CHECKPOINTS);
    CheckpointStore.Loaded newest =
        store == null ? null : store.newest(w -> out.println("warning: " + w));
    CheckpointFile.Checkpoint checkpoint = newest == null ? null : newest.checkpoint();
    Model warm =
        checkpoint == null && !initialModel.isEmpty()
            ? ModelStore.load(hadoop, initialModel)
            : null;
    Start start = new Start(store, newest, checkpoint, warm);
    Model base = start.base();
    if (base != null && (!base.network().equals(net) || base.task() != task)) {
      throw new IllegalArgumentException(
          (checkpoint != null
                  ? "the checkpoint in " + checkpointDir
                  : "initialModel " + initialModel)
              + " has a "
              + base.task().id()
              + " network "
              + base.network()
              + ", the params build a "
              + task.id()
              + " network "
              + net);
    }
    if (initialWeights != null && initialWeights.length != net.numParams()) {
      throw new IllegalArgumentException(
          "param initialWeights: network "
              + net
              + " needs "
              + net.numParams()
              + " weights, found "
              + initialWeights.length);
    }
    if (checkpoint != null) {
      out.println(
          "resuming from " + newest.path() + " (epoch " + (checkpoint.state().epoch + 1) + ")");
    }
    return start;
  }

  /** The CLI's preparation of the rows, normalized as {@code base} was when it is given. */
  private PreparedData prepare(TrainingConfig tc, Task task, Model base) {
    DataPreparer prep = new DataPreparer(spark, config.data());
    Normalizer.Kind kind = config.model().normalization();
    return prep.prepare(
        train, validation, encoder, kind, base == null ? null : base.normalizer(), tc.seed(), task);
  }

  /** The checkpoint's state, or a new one from the initial weights, the warm model or the seed. */
  private TrainingState initialState(
      Start start, TrainingLoop loop, TrainingConfig tc, Network net) {
    CheckpointFile.Checkpoint checkpoint = start.checkpoint();
    if (checkpoint != null) {
      TrainingState state = checkpoint.state();
      if (!TrainingRun.fits(checkpoint, tc.optimizer())) {
        throw new IllegalArgumentException(
            "the checkpoint in "
                + checkpointDir
                + " was written with solver "
                + checkpoint.optimizerId()
                + ", the params say "
                + tc.optimizer().id());
      }
      return state;
    }
    double[] init =
        initialWeights != null
            ? initialWeights
            : start.warm() != null
                ? start.warm().params()
                : TrainingSetup.initializer(config.model(), net).initialise(net, tc.seed());
    return loop.newState(init);
  }

  /**
   * Progress lines on every step and epoch, and a checkpoint after each epoch when a folder is
   * given.
   */
  private TrainingListener listener(
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

  private ObjectNode summary(PreparedData data, TrainingRun.Trained trained) {
    TrainingState state = trained.state();
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("trained_by", "sparkmlp.ml");
    ObjectNode dn = s.putObject("data");
    dn.put("train_rows", data.numTrain());
    dn.put("validation_rows", data.numValidation());
    dn.put("features", data.featureNames().size());
    dn.put("fingerprint", data.fingerprint().hex());
    dn.put("partitions", data.partitions());
    ArrayNode epochs = s.putArray("epochs");
    state.history.forEach(m -> epochs.add(CheckpointFile.epochJson(m)));
    s.put("stopped_early", state.stopped);
    s.put("step_jobs", trained.stepJobs());
    s.set("execution", trained.execution());
    s.put("spark_version", spark.version());
    return s;
  }
}

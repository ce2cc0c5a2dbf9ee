package sparkmlp.spark.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Network;
import sparkmlp.core.linalg.Blas;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.CheckpointFile;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingLoop;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.config.CheckpointSettings;
import sparkmlp.spark.config.DataSettings;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.report.ConsoleReporter;
import sparkmlp.spark.report.HistoryChart;
import sparkmlp.spark.store.CheckpointStore;
import sparkmlp.spark.store.ModelStore;

/**
 * A training run end to end: read and check everything first (so bad input writes nothing), prepare
 * and cache the data, run core's training loop with one Spark job per step, checkpoint as
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

  private static final ObjectMapper JSON = Json.MAPPER;

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
    this.config = config;
    this.options = options;
    this.out = out;
    this.err = err;
  }

  public Result run() {
    long started = System.nanoTime();
    DataSettings d = config.data();
    String outDir = required(config.output().dir(), "mlp.output.dir").replaceAll("/+$", "");
    required(d.train(), "mlp.data.train");
    Task task = config.model().task();
    TrainingSetup.checkEarlyStopping(config.train(), task, d);
    TrainingConfig tc = TrainingSetup.trainingConfig(config.train());
    CheckpointSettings cs = config.train().checkpoint();
    CheckpointStore store =
        new CheckpointStore(
            hadoop, cs.dir() != null ? cs.dir() : outDir + "/checkpoints", cs.keep());

    CheckpointFile.Checkpoint checkpoint =
        options.resume() ? store.newest(w -> err.println("warning: " + w)) : null;
    if (options.resume()) {
      int stale = store.removeStaleTemporaries();
      if (stale > 0) {
        out.println("removed " + stale + " unfinished checkpoint write(s) of an interrupted run");
      }
      String newest =
          store.checkpoints().isEmpty()
              ? null
              : store.checkpoints().get(store.checkpoints().size() - 1);
      if (checkpoint == null) {
        out.println("no checkpoint in " + store.dir() + "; starting from the beginning");
      } else if (checkpoint.state().finished(tc.epochs())) {
        out.println("resuming from " + newest + ": training had finished; writing the model");
      } else {
        out.println(
            "resuming from "
                + newest
                + " (epoch "
                + (checkpoint.state().epoch + 1)
                + ", step "
                + (checkpoint.state().step + 1)
                + ")");
      }
    }
    Model warm =
        checkpoint == null && options.initModel() != null
            ? ModelStore.load(hadoop, options.initModel())
            : null;
    Model base = checkpoint != null ? checkpoint.model() : warm;
    String baseName =
        checkpoint != null ? "the checkpoint" : "the warm-start model " + options.initModel();

    DataPreparer prep = new DataPreparer(spark, d);
    RawData raw = prep.read("mlp.data.train", d.train(), d.trainLabels());
    RawData validationRaw =
        d.validation() == null
            ? null
            : prep.read("mlp.data.validation", d.validation(), d.validationLabels());
    RawData testRaw =
        d.test() == null ? null : prep.read("mlp.data.test", d.test(), d.testLabels());
    if (base != null) {
      if (base.task() != task) {
        throw new InputException(
            baseName + " is a " + base.task().id() + " model, the config asks for " + task.id());
      }
      DataPreparer.checkFeatures(raw, base.featureNames());
    }
    LabelEncoder encoder = base != null ? TrainingSetup.encoder(base) : prep.encoderFor(task, raw);
    Network net = TrainingSetup.network(config.model(), raw.featureNames().size(), encoder);
    if (base != null && !base.network().equals(net)) {
      throw new InputException(
          baseName + " has network " + base.network() + ", the config builds " + net);
    }
    if (testRaw != null) {
      DataPreparer.checkFeatures(testRaw, raw.featureNames());
    }
    Normalizer.Kind kind = config.model().normalization();
    PreparedData data =
        prep.prepare(
            raw,
            validationRaw,
            encoder,
            kind,
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
    double prepareSeconds = (System.nanoTime() - started) / 1e9;
    int nf = data.featureNames().size();
    out.printf(
        Locale.ROOT,
        "network %s, %,d parameters; BLAS: %s%n",
        net,
        net.numParams(),
        Blas.implementation());
    out.printf(
        Locale.ROOT,
        "training on %,d examples (%,d for validation) in %d partitions; cached %s = %.3f x 8 B "
            + "per feature value%n",
        data.numTrain(),
        data.numValidation(),
        data.partitions(),
        bytes(data.cachedBytes()),
        data.cachedBytes() / (8.0 * nf * data.numTrain()));

    TrainingLoop loop = new TrainingLoop(net, tc, data.numTrain());
    TrainingState state;
    if (checkpoint != null) {
      state = checkpoint.state();
      String optimizer = tc.optimizer().id();
      if (!checkpoint.optimizerId().equals(optimizer)
          || state.optimizer.numSlots() != tc.optimizer().newState(0).numSlots()) {
        throw new InputException(
            "the checkpoint was written with optimizer "
                + checkpoint.optimizerId()
                + ", the config uses "
                + optimizer);
      }
    } else {
      double[] init =
          warm != null
              ? warm.params()
              : TrainingSetup.initializer(config.model(), net).initialise(net, tc.seed());
      state = loop.newState(init);
    }
    Model skeleton =
        new Model(
            net, task, state.params, data.normalizer(), data.featureNames(), encoder.names(), "{}");
    int steps = loop.stepsPerEpoch();
    DistributedGradientSource source =
        new DistributedGradientSource(
            jsc, net, task, classes(encoder), data, tc.batchSize(), tc.seed(), steps);
    RunFiles files = new RunFiles(outDir, store, skeleton, tc.optimizer().id(), cs, steps);
    ConsoleReporter reporter =
        new ConsoleReporter(out, options.progressBar() ? err : null, tc.epochs());
    long trainStarted = System.nanoTime();
    try {
      loop.run(
          state,
          source,
          new TrainingListener() {
            @Override
            public void onStep(TrainingState s, int stepsPerEpoch) {
              reporter.onStep(s, stepsPerEpoch);
              files.onStep(s, stepsPerEpoch);
            }

            @Override
            public void onEpoch(TrainingState s, EpochMetrics m) {
              reporter.onEpoch(s, m);
              files.onEpoch(s, m);
            }
          });
    } finally {
      source.close();
    }
    double trainSeconds = (System.nanoTime() - trainStarted) / 1e9;
    if (state.stopped) {
      out.printf(
          Locale.ROOT,
          "early stopping after epoch %d; best epoch %d%n",
          state.history.size(),
          state.bestEpoch);
    }

    Evaluation test = null;
    if (testBlocks != null) {
      jsc.setJobDescription("test evaluation");
      test =
          DistributedGradientSource.evaluate(
              jsc, net, task, classes(encoder), testBlocks, state.params);
      out.printf(
          Locale.ROOT,
          "test: loss %.4f%s on %,d examples%n",
          test.loss(),
          Double.isNaN(test.accuracy())
              ? ""
              : String.format(Locale.ROOT, "  accuracy %.4f", test.accuracy()),
          test.count());
    }
    ObjectNode summary =
        summary(
            net,
            data,
            state,
            test,
            source.jobs(),
            prepareSeconds,
            trainSeconds,
            (System.nanoTime() - started) / 1e9,
            checkpoint != null,
            warm);
    Model model = skeleton.with(state.params, summary.toString());
    String modelPath = ModelStore.save(hadoop, outDir, model);
    AtomicFiles.writeString(hadoop, outDir + "/summary.json", pretty(summary));
    files.writeHistory(state.history);
    data.release();
    out.println("model written to " + modelPath);
    return new Result(model, modelPath, List.copyOf(state.history), test, summary);
  }

  private ObjectNode summary(
      Network net,
      PreparedData data,
      TrainingState state,
      Evaluation test,
      long jobs,
      double prepareSeconds,
      double trainSeconds,
      double totalSeconds,
      boolean resumed,
      Model warm) {
    ObjectNode s = JSON.createObjectNode();
    s.put("sparkmlp_version", version());
    try {
      s.set(
          "config", JSON.readTree(config.toConfig().root().render(ConfigRenderOptions.concise())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode dn = s.putObject("data");
    dn.put("source", data.source());
    dn.put("train_rows", data.numTrain());
    dn.put("validation_rows", data.numValidation());
    dn.put("features", data.featureNames().size());
    ArrayNode labels =
        dn.putArray(data.encoder().task().isClassification() ? "classes" : "targets");
    data.encoder().names().forEach(labels::add);
    dn.put("fingerprint", data.fingerprint().hex());
    dn.put("partitions", data.partitions());
    dn.put("cached_bytes", data.cachedBytes());
    s.put("network", net.toString());
    s.put("parameters", net.numParams());
    ArrayNode epochs = s.putArray("epochs");
    state.history.forEach(m -> epochs.add(CheckpointFile.epochJson(m)));
    s.put("stopped_early", state.stopped);
    if (state.bestEpoch > 0) {
      s.put("best_epoch", state.bestEpoch);
    }
    ObjectNode t = s.putObject("timings");
    t.put("prepare_seconds", prepareSeconds);
    t.put("train_seconds", trainSeconds);
    t.put("total_seconds", totalSeconds);
    t.put("step_jobs", jobs);
    long examples = state.history.stream().mapToLong(EpochMetrics::examples).sum();
    t.put("examples_per_second", trainSeconds > 0 ? examples / trainSeconds : 0);
    ObjectNode blas = s.putObject("blas");
    blas.put("driver", Blas.implementation());
    ArrayNode ex = blas.putArray("executors");
    data.train().map(p -> Blas.implementation()).distinct().collect().forEach(ex::add);
    ObjectNode sp = s.putObject("spark");
    sp.put("version", spark.version());
    sp.put("master", spark.sparkContext().master());
    sp.put("default_parallelism", jsc.defaultParallelism());
    if (test != null) {
      s.set("test", test.toJson(data.encoder().names()));
    }
    s.put("resumed", resumed);
    if (warm != null) {
      s.put("init_model", options.initModel());
    }
    return s;
  }

  /** Writes checkpoints, metrics lines and the chart as the run goes. */
  private final class RunFiles {
    private final String outDir;
    private final CheckpointStore store;
    private final Model skeleton;
    private final String optimizerId;
    private final CheckpointSettings settings;
    private final int steps;

    RunFiles(
        String outDir,
        CheckpointStore store,
        Model skeleton,
        String optimizerId,
        CheckpointSettings settings,
        int steps) {
      this.outDir = outDir;
      this.store = store;
      this.skeleton = skeleton;
      this.optimizerId = optimizerId;
      this.settings = settings;
      this.steps = steps;
    }

    void onStep(TrainingState s, int stepsPerEpoch) {
      long done = (long) s.epoch * steps + s.step;
      if (settings.everySteps() > 0 && done % settings.everySteps() == 0) {
        store.save(skeleton, optimizerId, s);
      }
    }

    void onEpoch(TrainingState s, EpochMetrics m) {
      boolean byEpoch = settings.everyEpochs() > 0 && s.epoch % settings.everyEpochs() == 0;
      boolean bySteps =
          settings.everySteps() > 0 && ((long) s.epoch * steps) % settings.everySteps() == 0;
      if (byEpoch || bySteps || s.finished(config.train().epochs())) {
        store.save(skeleton, optimizerId, s);
      }
      writeHistory(s.history);
    }

    void writeHistory(List<EpochMetrics> history) {
      StringBuilder lines = new StringBuilder();
      history.forEach(m -> lines.append(CheckpointFile.epochJson(m)).append('\n'));
      AtomicFiles.writeString(hadoop, outDir + "/metrics.jsonl", lines.toString());
      AtomicFiles.write(hadoop, outDir + "/history.png", o -> o.write(HistoryChart.png(history)));
    }
  }

  private static int classes(LabelEncoder encoder) {
    return encoder.task().isClassification() ? encoder.names().size() : 0;
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

  static String pretty(ObjectNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String bytes(long b) {
    return b >= 1 << 20
        ? String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0)
        : String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
  }

  static String version() {
    String v = TrainJob.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}

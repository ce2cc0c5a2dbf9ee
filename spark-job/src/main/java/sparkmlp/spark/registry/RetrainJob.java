package sparkmlp.spark.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.format.Json;
import sparkmlp.core.metrics.GateMetric;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.spark.config.DataSettings;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.RegistrySettings;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.FileSystems;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;
import sparkmlp.spark.store.ModelStore;

/**
 * One scheduled retraining run, {@code mlp retrain --run-id ID}: idempotent per run id (a finished
 * id only reports its decision; a killed one resumes from its own checkpoints; a second concurrent
 * one is refused by the run lock), data checks before training, training through {@link TrainJob}
 * (warm start from the champion by default), the gate on holdout data, and the registry commit.
 * Order of writes in {@code versions/ID/}: run.json, checkpoints and the model (by TrainJob), the
 * model again with its feature profile, fingerprint.json, decision.json; then the champion pointer
 * and the history (under the registry lock); {@code _SUCCESS} last. A rerun after a crash past
 * decision.json applies the recorded decision instead of deciding again.
 */
public final class RetrainJob {
  /**
   * What a run ended with; {@code replayed} when the run id had already finished. {@link
   * #superseded} when the gate passed but the champion changed meanwhile, so nothing was promoted.
   */
  public record Outcome(ObjectNode decision, boolean promoted, boolean replayed) {
    public boolean superseded() {
      return decision.path("superseded").asBoolean(false);
    }
  }

  private final SparkSession spark;
  private final JobConfig config;
  private final String runId;
  private final boolean progressBar;
  private final PrintStream out;
  private final PrintStream err;
  private final Consumer<String> points;
  private RunLock lock;

  /**
   * Where a run prints: progress and results on {@code out}, notes and warnings on {@code err}, and
   * whether the in-epoch progress bar is drawn (on {@code err}).
   */
  public record Console(PrintStream out, PrintStream err, boolean progressBar) {}

  /**
   * {@code config} is the user's with {@link #overrides} applied, so that TrainJob writes into the
   * version folder.
   */
  public RetrainJob(SparkSession spark, JobConfig config, String runId, Console console) {
    this(spark, config, runId, console, point -> {});
  }

  /**
   * The same, telling {@code points} each named point the run passes ("locked", "trained",
   * "evaluated", "decided", "promoted", "recorded"); tests throw there to simulate a driver dying.
   */
  public RetrainJob(
      SparkSession spark,
      JobConfig config,
      String runId,
      Console console,
      Consumer<String> points) {
    this.points = points;
    this.spark = spark;
    this.config = config;
    this.runId = Registry.checkRunId(runId);
    this.progressBar = console.progressBar();
    this.out = console.out();
    this.err = console.err();
  }

  /** The {@code --set} overrides that point a run's output and checkpoints at its version. */
  public static List<String> overrides(RegistrySettings settings, String runId) {
    String versionDir =
        requiredDir(settings).replaceAll("/+$", "") + "/versions/" + Registry.checkRunId(runId);
    return List.of("output.dir=\"" + versionDir + "\"", "train.checkpoint.dir=null");
  }

  public Outcome run() {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    hadoop.set(AtomicFiles.PERMISSIONS_KEY, config.output().permissions());
    Registry reg = registry(hadoop, config.registry());
    if (reg.finished(runId)) {
      return replay(reg);
    }
    try (RunLock held = reg.lockRun(runId, n -> err.println("note: " + n))) {
      lock = held;
      points.accept("locked");
      if (reg.finished(runId)) {
        return replay(reg);
      }
      ObjectNode recorded = reg.decision(runId);
      if (recorded != null) {
        out.println("run " + runId + " decided before it stopped; completing its registry update");
        return finish(reg, recorded);
      }
      return decide(reg);
    }
  }

  /** The registry a config names; retrain and the registry commands require it. */
  public static Registry registry(Configuration conf, RegistrySettings settings) {
    String dir = requiredDir(settings);
    Registry.refuseObjectStore(dir);
    FileSystems.check(conf, dir, "mlp.registry.dir");
    return new Registry(conf, dir, Registry.staleAfter(settings.lock().staleMinutes()));
  }

  private static String requiredDir(RegistrySettings settings) {
    if (settings.dir() == null) {
      throw new InvalidConfigException(
          "config key 'mlp.registry.dir' is required for retrain; set it in the config or with"
              + " --set registry.dir=...");
    }
    return settings.dir();
  }

  /**
   * The recorded outcome of a finished run id, printed, or null when it has not finished; needs no
   * Spark, so a replay costs only the JVM's start.
   */
  public static Outcome replayIfFinished(
      Configuration conf,
      RegistrySettings settings,
      String runId,
      PrintStream out,
      PrintStream err) {
    Registry reg = registry(conf, settings);
    if (!reg.finished(Registry.checkRunId(runId))) {
      return null;
    }
    return replay(reg, runId, out, err);
  }

  private Outcome replay(Registry reg) {
    return replay(reg, runId, out, err);
  }

  private static Outcome replay(Registry reg, String runId, PrintStream out, PrintStream err) {
    ObjectNode d = reg.decision(runId);
    err.println("run " + runId + " already finished; its recorded decision follows");
    out.println(d);
    return new Outcome(d, d.path("promoted").asBoolean(), true);
  }

  /** The two models' holdout figures; {@code champion} null when they cannot be compared. */
  private record Figures(HoldoutEvaluation.Figures candidate, HoldoutEvaluation.Figures champion) {}

  /** Checks, trains, evaluates and gates a new run; records and applies its decision. */
  private Outcome decide(Registry reg) {
    long started = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    RegistrySettings rs = config.registry();
    DataSettings d = config.data();
    GateMetric metric = gateMetric();
    String holdoutPath = holdoutPath(d);
    String runFile = reg.file(runId, "run.json");
    String championId = championAtStart(reg, hadoop, runFile);
    Model champion = championId == null ? null : ModelStore.load(hadoop, reg.modelPath(championId));

    DataPreparer prep = new DataPreparer(spark, d);
    RawData train = prep.read("mlp.data.train", d.train(), d.trainLabels());
    DataChecks.Result checks =
        DataChecks.run(
            jsc,
            train,
            config.model().task(),
            champion == null ? null : new DataChecks.Champion(championId, champion),
            rs);
    RawData holdout =
        prep.read(
            d.holdout() != null ? "mlp.data.holdout" : "mlp.data.test",
            holdoutPath,
            d.holdout() != null ? null : d.testLabels());
    DataPreparer.checkFeatures(holdout, train.featureNames());
    double checkSeconds = (System.nanoTime() - started) / 1e9;

    recordStart(reg, hadoop, runFile, championId);
    boolean warm = rs.warmStart() && champion != null && !checks.newClasses();
    long trainStarted = System.nanoTime();
    TrainJob.Result result = train(warm ? reg.modelPath(championId) : null);
    double trainSeconds = (System.nanoTime() - trainStarted) / 1e9;
    points.accept("trained");
    fence();
    Model candidate = result.model().withProfile(checks.profile());
    ModelStore.save(hadoop, reg.versionDir(runId), candidate);
    ObjectNode fingerprint = result.summary().path("data").deepCopy();
    reg.writeJson(reg.file(runId, "fingerprint.json"), fingerprint);

    long evalStarted = System.nanoTime();
    Figures figures = evaluate(jsc, prep, holdout, candidate, champion, metric);
    double evalSeconds = (System.nanoTime() - evalStarted) / 1e9;
    points.accept("evaluated");

    ObjectNode decision = decision(reg, metric, holdoutPath, figures, championId);
    decision.set("checks", checks.report());
    decision.put("warm_start", warm ? championId : null);
    decision.set("data", fingerprint);
    DecisionJson.putTimings(
        decision,
        new DecisionJson.Timings(
            checkSeconds, trainSeconds, evalSeconds, (System.nanoTime() - started) / 1e9));
    decision.put("decided", Instant.now().toString());
    fence();
    reg.writeJson(reg.file(runId, Registry.DECISION), decision);
    points.accept("decided");
    return finish(reg, decision);
  }

  /**
   * The champion this run is judged against: the one when it first started (run.json), so a rerun
   * decides the same way.
   */
  private static String championAtStart(Registry reg, Configuration hadoop, String runFile) {
    return AtomicFiles.exists(hadoop, runFile)
        ? Registry.storedId(reg.readJson(runFile).path("champion").asText(null), runFile)
        : reg.champion();
  }

  /** The candidate, trained by TrainJob into the version folder, warm from {@code initModel}. */
  private TrainJob.Result train(String initModel) {
    TrainOptions options = new TrainOptions(true, initModel, progressBar, this::fence);
    return new TrainJob(spark, config, options, out, err).run();
  }

  /** The gate's metric, checked against the task. */
  private GateMetric gateMetric() {
    Task task = config.model().task();
    GateMetric metric = config.registry().gate().metric().orElse(GateMetric.defaultFor(task));
    String unsupported = metric.unsupportedFor(task);
    if (unsupported != null) {
      throw new InvalidConfigException("config key 'mlp.registry.gate.metric': " + unsupported);
    }
    return metric;
  }

  /** The holdout data's path; retrain needs it and training data. */
  private static String holdoutPath(DataSettings d) {
    String holdoutPath = d.holdout() != null ? d.holdout() : d.test();
    if (holdoutPath == null) {
      throw new InvalidConfigException(
          "retrain's gate needs holdout data: set mlp.data.holdout (or mlp.data.test)");
    }
    if (d.train() == null) {
      throw new InvalidConfigException(
          "config key 'mlp.data.train' is required for retrain; set it in the config or with --set"
              + " data.train=...");
    }
    return holdoutPath;
  }

  /** Writes run.json (the champion at the first start) unless a killed earlier attempt did. */
  private void recordStart(Registry reg, Configuration hadoop, String runFile, String championId) {
    fence();
    if (!AtomicFiles.exists(hadoop, runFile)) {
      ObjectNode run = Json.MAPPER.createObjectNode();
      run.put("run_id", runId);
      DecisionJson.putId(run, "champion", championId);
      run.put("started", Instant.now().toString());
      reg.writeJson(runFile, run);
    }
  }

  /** Both models on the holdout data, the champion only when it predicts the same labels. */
  private static Figures evaluate(
      JavaSparkContext jsc,
      DataPreparer prep,
      RawData holdout,
      Model candidate,
      Model champion,
      GateMetric metric) {
    HoldoutEvaluation.Figures cand = HoldoutEvaluation.of(jsc, prep, holdout, candidate, metric);
    boolean comparable =
        champion != null
            && champion.task() == candidate.task()
            && champion.labelNames().equals(candidate.labelNames());
    return new Figures(
        cand, comparable ? HoldoutEvaluation.of(jsc, prep, holdout, champion, metric) : null);
  }

  /** The gate's verdict and figures as decision.json starts. */
  private ObjectNode decision(
      Registry reg, GateMetric metric, String holdoutPath, Figures f, String championId) {
    return DecisionJson.start(
        runId,
        reg.dir(),
        config.registry(),
        new DecisionJson.Judged(metric, holdoutPath, f.candidate(), f.champion(), championId));
  }

  /** Applies a decision to the registry (idempotently), writes _SUCCESS and prints the line. */
  private Outcome finish(Registry reg, ObjectNode decision) {
    boolean promoted = decision.path("promoted").asBoolean();
    ObjectNode entry = DecisionJson.historyEntry(runId, decision, promoted);
    ObjectNode recorded =
        reg.commit(
            new Registry.Change(
                promoted ? runId : null,
                decision.path("champion_before").asText(null),
                entry,
                e ->
                    "retrain".equals(e.path("action").asText())
                        && runId.equals(e.path("version").asText())),
            this::fence,
            p -> points.accept("promoted"),
            n -> err.println("note: " + n));
    if (recorded.path("superseded").asBoolean(false)
        && !decision.path("superseded").asBoolean(false)) {
      decision.put("promoted", false);
      decision.put("superseded", true);
      decision.set("champion_after", recorded.get("champion_after"));
      decision.set("reason", recorded.get("reason"));
      fence();
      reg.writeJson(reg.file(runId, Registry.DECISION), decision);
      promoted = false;
    }
    points.accept("recorded");
    fence();
    AtomicFiles.writeString(reg.conf(), reg.file(runId, Registry.SUCCESS), "");
    out.println(decision);
    return new Outcome(decision, promoted, false);
  }

  /** The run lock's fencing check: a run that lost its lock stops before its next write. */
  private void fence() {
    lock.check();
  }
}

package sparkmlp.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.Precision;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.metrics.GateMetric;
import sparkmlp.core.model.DriftMeasure;
import sparkmlp.core.optim.OptimizerKind;
import sparkmlp.core.optim.ScheduleKind;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.Monitor;
import sparkmlp.spark.io.DataFormat;

/**
 * Reads a job's configuration: {@code --set} overrides over the user's HOCON file over {@code
 * reference.conf}, resolved, checked for unknown keys and validated into a {@link JobConfig}.
 * System properties are deliberately not merged (unlike {@code ConfigFactory.load()}), so the
 * configuration is exactly what the user wrote; environment variables are still available to
 * substitutions such as {@code ${?HOME}}.
 */
public final class ConfigLoader {

  private static final String ROOT = "mlp";

  private ConfigLoader() {}

  /**
   * Loads the job configuration.
   *
   * @param file a HOCON file, or {@code null} for the defaults alone
   * @param overrides {@code key=value} strings from {@code --set}, later ones winning; keys may
   *     omit the {@code mlp.} prefix and values are HOCON ({@code [64,32]}, {@code null}, {@code
   *     "quoted"}); a value that is not valid HOCON, or that holds {@code //} or {@code #} (e.g. a
   *     URI), is taken as a plain string
   * @throws InvalidConfigException when the file is missing or malformed, or a value is invalid
   */
  public static JobConfig load(Path file, List<String> overrides) {
    Config user = file == null ? ConfigFactory.empty() : parseFile(file);
    Config merged = parseOverrides(overrides == null ? List.of() : overrides).withFallback(user);
    return fromConfig(merged);
  }

  /** The configuration of {@code reference.conf} alone: every setting at its default. */
  public static JobConfig defaults() {
    return Reference.DEFAULTS;
  }

  /**
   * Validates an already parsed configuration: its {@code mlp} tree, completed from {@code
   * reference.conf}. Other root keys are ignored.
   *
   * @throws InvalidConfigException on an unknown key, a wrong type or an out-of-range value
   */
  public static JobConfig fromConfig(Config config) {
    Config resolved;
    try {
      resolved = config.withFallback(Reference.CONFIG).resolve();
    } catch (ConfigException e) {
      throw translate(e, "");
    }
    ConfigValue mlp = resolved.root().get(ROOT);
    if (mlp.valueType() != ConfigValueType.OBJECT) {
      throw ConfigValues.wrongType(ROOT, mlp, "an object");
    }
    UnknownKeyCheck.check(Reference.CONFIG.getObject(ROOT), (ConfigObject) mlp);
    return read(new SettingsReader((ConfigObject) mlp));
  }

  // The order of the reads decides which of several bad keys is reported: keep it.
  private static JobConfig read(SettingsReader r) {
    Precision storage = r.oneOf("data.storage", Precision.class, Precision::id);
    Precision precision = r.oneOf("train.precision", Precision.class, Precision::id);
    DataSettings data = data(r, storage, precision);
    ModelSettings model = model(r);
    TrainSettings train = train(r, precision);
    return new JobConfig(
        data,
        model,
        train,
        new OutputSettings(r.optionalString("output.dir"), r.string("output.permissions")),
        new SparkSettings(
            r.optionalString("spark.master"),
            r.string("spark.app-name"),
            r.stringMap("spark.conf")),
        new LogSettings(
            r.oneOf("log.progress", LogSettings.Progress.class, LogSettings.Progress::id)),
        registry(r));
  }

  private static DataSettings data(SettingsReader r, Precision storage, Precision precision) {
    return new DataSettings(
        r.oneOf("data.format", DataFormat.class, DataFormat::id),
        r.optionalString("data.train"),
        r.optionalString("data.train-labels"),
        r.optionalString("data.validation"),
        r.optionalString("data.validation-labels"),
        r.doubleIn("data.validation-split", 0, true, 1, false),
        r.optionalString("data.test"),
        r.optionalString("data.test-labels"),
        r.string("data.label-column"),
        r.stringList("data.label-columns"),
        r.stringList("data.feature-columns"),
        r.string("data.features-column"),
        r.intAtLeast("data.num-features", 0),
        r.stringList("data.class-names"),
        r.intAtLeast("data.partitions", 0),
        // float steps read float blocks: caching doubles would only double the memory
        precision == Precision.FLOAT ? Precision.FLOAT : storage,
        r.optionalString("data.holdout"));
  }

  private static ModelSettings model(SettingsReader r) {
    return new ModelSettings(
        r.oneOf("model.task", Task.class, Task::id),
        r.intList("model.hidden-layers", 1),
        r.rateList("model.dropout"),
        r.oneOf("model.hidden-activation", ConfigChoices.HIDDEN_ACTIVATIONS, Activation::id),
        r.autoOrOneOf("model.output-activation", Activation.class, Activation::id),
        r.autoOrOneOf("model.initializer", Initializer.class, Initializer::id),
        r.oneOf("model.normalization", Normalizer.Kind.class, Normalizer.Kind::id));
  }

  private static TrainSettings train(SettingsReader r, Precision precision) {
    OptimizerSettings optimizer = optimizer(r);
    ScheduleSettings schedule = schedule(r);
    EarlyStoppingSettings earlyStopping =
        new EarlyStoppingSettings(
            r.bool("train.early-stopping.enabled"),
            r.oneOf("train.early-stopping.monitor", Monitor.class, Monitor::id),
            r.intAtLeast("train.early-stopping.patience", 1),
            r.doubleAtLeast("train.early-stopping.min-delta", 0),
            r.bool("train.early-stopping.restore-best"));
    CheckpointSettings checkpoint =
        new CheckpointSettings(
            r.intAtLeast("train.checkpoint.every-epochs", 0),
            r.intAtLeast("train.checkpoint.every-steps", 0),
            r.intAtLeast("train.checkpoint.keep", 1),
            r.optionalString("train.checkpoint.dir"));
    return new TrainSettings(
        r.intAtLeast("train.epochs", 1),
        r.intAtLeast("train.batch-size", 1),
        r.longValue("train.seed"),
        optimizer,
        schedule,
        earlyStopping,
        checkpoint,
        r.oneOf("train.reduction", TrainSettings.Reduction.class, TrainSettings.Reduction::id),
        r.oneOf(
            "train.single-process",
            TrainSettings.SingleProcess.class,
            TrainSettings.SingleProcess::id),
        r.oneOf("train.engine", TrainSettings.Engine.class, TrainSettings.Engine::id),
        precision,
        new BarrierSettings(
            r.intAtLeast("train.barrier.join-timeout-seconds", 1),
            r.intAtLeast("train.barrier.step-timeout-seconds", 1)),
        new PeerSettings(ports(r, "train.peer.ports"), r.intAtLeast("train.peer.sync-steps", 1)));
  }

  /** {@code any}, one port, or {@code from-to} within 1..65535. */
  private static String ports(SettingsReader r, String key) {
    String text = r.string(key);
    if (PeerSettings.parse(text) == null) {
      throw r.outOfRange(key, "must be any, a port or a range from-to within 1-65535");
    }
    return text.trim();
  }

  private static OptimizerSettings optimizer(SettingsReader r) {
    return new OptimizerSettings(
        r.oneOf("train.optimizer.name", OptimizerKind.class, OptimizerKind::id),
        r.doubleAbove("train.optimizer.learning-rate", 0),
        r.doubleIn("train.optimizer.momentum", 0, true, 1, false),
        r.bool("train.optimizer.nesterov"),
        r.doubleIn("train.optimizer.beta1", 0, true, 1, false),
        r.doubleIn("train.optimizer.beta2", 0, true, 1, false),
        r.doubleAbove("train.optimizer.epsilon", 0),
        r.doubleAtLeast("train.optimizer.weight-decay", 0));
  }

  private static ScheduleSettings schedule(SettingsReader r) {
    ScheduleSettings s =
        new ScheduleSettings(
            r.oneOf("train.schedule.type", ScheduleKind.class, ScheduleKind::id),
            r.intAtLeast("train.schedule.step-epochs", 1),
            r.doubleIn("train.schedule.gamma", 0, false, 1, true),
            r.intAtLeast("train.schedule.warmup-steps", 0),
            r.doubleIn("train.schedule.min-fraction", 0, true, 1, true),
            r.doubleIn("train.schedule.pct-start", 0, false, 1, false),
            r.doubleAtLeast("train.schedule.div-factor", 1),
            r.doubleAtLeast("train.schedule.final-div-factor", 1));
    if (s.type() == ScheduleKind.ONE_CYCLE && s.warmupSteps() != 0) {
      throw r.outOfRange(
          "train.schedule.warmup-steps",
          "must be 0 with one-cycle, which warms up over pct-start of the run");
    }
    return s;
  }

  private static RegistrySettings registry(SettingsReader r) {
    return new RegistrySettings(
        r.optionalString("registry.dir"),
        r.bool("registry.warm-start"),
        new RegistrySettings.Gate(
            r.autoOrOneOf("registry.gate.metric", GateMetric.class, GateMetric::id),
            r.doubleAtLeast("registry.gate.tolerance", 0),
            r.optionalDouble("registry.gate.floor")),
        new RegistrySettings.Checks(
            r.intAtLeast("registry.checks.min-rows", 1),
            r.bool("registry.checks.allow-new-classes")),
        new RegistrySettings.Drift(
            r.oneOf("registry.drift.measure", DriftMeasure.class, DriftMeasure::id),
            r.doubleAtLeast("registry.drift.warn", 0),
            r.doubleAbove("registry.drift.fail", 0)),
        new RegistrySettings.Lock(r.doubleAbove("registry.lock.stale-minutes", 0)));
  }

  private static Config parseFile(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidConfigException("config file not found: " + file);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidConfigException("config file not readable: " + file);
    }
    try {
      return ConfigFactory.parseFile(
          file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException.Parse e) {
      throw translate(e, "syntax error: ");
    } catch (ConfigException e) {
      throw translate(e, "");
    }
  }

  /** Overrides as one config; a later {@code --set} of the same key wins. */
  static Config parseOverrides(List<String> overrides) {
    Config result = ConfigFactory.empty();
    for (String override : overrides) {
      int eq = override.indexOf('=');
      String key = eq < 0 ? "" : override.substring(0, eq).strip();
      if (key.isEmpty()) {
        throw new InvalidConfigException("--set expects key=value, found '" + override + "'");
      }
      String path = key.equals(ROOT) || key.startsWith(ROOT + ".") ? key : ROOT + "." + key;
      ConfigValue value = parseValue(override, override.substring(eq + 1).strip());
      try {
        result = ConfigFactory.empty().withValue(path, value).withFallback(result);
      } catch (ConfigException.BadPath e) {
        throw new InvalidConfigException(
            "--set '" + override + "': '" + key + "' is not a valid config key");
      }
    }
    return result;
  }

  private static ConfigValue parseValue(String override, String text) {
    String origin = "--set " + override;
    boolean structured = text.startsWith("[") || text.startsWith("{") || text.startsWith("\"");
    if (!structured && (text.contains("//") || text.contains("#"))) {
      return ConfigValueFactory.fromAnyRef(text, origin); // HOCON would read the rest as a comment
    }
    try {
      return ConfigFactory.parseString(
              "v = " + text, ConfigParseOptions.defaults().setOriginDescription(origin))
          .root()
          .get("v");
    } catch (ConfigException e) {
      if (structured) {
        throw new InvalidConfigException(
            "--set '" + override + "': invalid HOCON value: " + reason(e), e);
      }
      return ConfigValueFactory.fromAnyRef(text, origin);
    }
  }

  /** Rewrites a Typesafe error as {@code file:line: <prefix><reason>}. */
  private static InvalidConfigException translate(ConfigException e, String prefix) {
    ConfigOrigin origin = e.origin();
    String where = "";
    if (origin != null) {
      where =
          origin.filename() != null
              ? origin.filename() + (origin.lineNumber() >= 0 ? ":" + origin.lineNumber() : "")
              : origin.description();
      where += ": ";
    }
    return new InvalidConfigException(where + prefix + reason(e), e);
  }

  /** The error message without the origin Typesafe puts in front of it. */
  static String reason(ConfigException e) {
    String message = e.getMessage();
    ConfigOrigin origin = e.origin();
    if (origin != null && message.startsWith(origin.description() + ": ")) {
      return message.substring(origin.description().length() + 2);
    }
    return message;
  }

  /**
   * The bundled defaults, read once; only the {@code mlp} tree of the classpath's reference.conf
   * files.
   */
  private static final class Reference {
    static final Config CONFIG = load();
    static final JobConfig DEFAULTS = fromConfig(ConfigFactory.empty());

    private static Config load() {
      Config all =
          ConfigFactory.parseResources(ConfigLoader.class.getClassLoader(), "reference.conf");
      if (!all.hasPath(ROOT)) {
        throw new IllegalStateException(
            "reference.conf with an 'mlp' section is missing from the classpath");
      }
      return all.withOnlyPath(ROOT).resolve();
    }
  }
}

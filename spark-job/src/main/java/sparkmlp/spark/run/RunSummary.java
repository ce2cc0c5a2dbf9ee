package sparkmlp.spark.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Network;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.train.CheckpointFile;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.Redaction;
import sparkmlp.spark.config.TrainSettings;
import sparkmlp.spark.data.PreparedData;

/**
 * A finished run's {@code summary.json} (also stored in the model), the same for {@code mlp train},
 * {@code mlp retrain} and the Spark ML stages: the config, the data, the network, where it started,
 * the history, timings, the environment, the test result and the step engine. Building it runs no
 * Spark job; everything it reports was gathered before. Credentials are redacted ({@link
 * Redaction}).
 */
public record RunSummary(
    JobConfig config,
    Network network,
    PreparedData data,
    Outcome outcome,
    Timings timings,
    SparkEnvironment environment) {

  /**
   * What the run did: where it started, what training left, and the final weights on the test data.
   *
   * @param test the test evaluation, or null without test data
   */
  public record Outcome(StartPoint start, TrainingRun.Trained trained, Evaluation test) {}

  /**
   * Wall-clock seconds of the run's phases besides training (whose seconds are {@link
   * TrainingRun.Trained#seconds()}).
   *
   * @param prepareSeconds reading and preparing the data
   * @param totalSeconds the whole run up to the summary
   */
  public record Timings(double prepareSeconds, double totalSeconds) {}

  ObjectNode toJson() {
    TrainingState state = outcome.trained().state();
    ObjectNode s = Json.MAPPER.createObjectNode();
    s.put("sparkmlp_version", version());
    try {
      s.set(
          "config",
          Json.MAPPER.readTree(config.toConfig().root().render(ConfigRenderOptions.concise())));
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
    s.put("network", network.toString());
    s.put("parameters", network.numParams());
    s.set("schedule", schedule());
    ArrayNode epochs = s.putArray("epochs");
    state.history.forEach(m -> epochs.add(CheckpointFile.epochJson(m)));
    s.put("stopped_early", state.stopped);
    if (state.bestEpoch > 0) {
      s.put("best_epoch", state.bestEpoch);
    }
    s.set("timings", timings(state));
    ObjectNode blas = s.putObject("blas");
    blas.put("driver", environment.driverBlas());
    ArrayNode ex = blas.putArray("executors");
    environment.executorBlas().forEach(ex::add);
    ObjectNode sp = s.putObject("spark");
    sp.put("version", environment.sparkVersion());
    sp.put("master", environment.master());
    sp.put("default_parallelism", environment.defaultParallelism());
    if (outcome.test() != null) {
      s.set("test", outcome.test().toJson(data.encoder().names()));
    }
    s.put("resumed", outcome.start() instanceof StartPoint.Resume);
    String initModel = outcome.start().initModel();
    if (initModel != null) {
      s.put("init_model", initModel);
    }
    s.set("execution", outcome.trained().execution());
    // The summary goes into summary.json, every model header, registry version and Spark ML
    // folder: credentials in mlp.spark.conf (or in a path's user part) must not.
    return (ObjectNode) Redaction.forJob(config.spark().conf()).redact(s, "");
  }

  /** The phases' seconds, the step engine's Spark jobs and the training speed. */
  private ObjectNode timings(TrainingState state) {
    double trainSeconds = outcome.trained().seconds();
    ObjectNode t = Json.MAPPER.createObjectNode();
    t.put("prepare_seconds", timings.prepareSeconds());
    t.put("train_seconds", trainSeconds);
    t.put("total_seconds", timings.totalSeconds());
    t.put("step_jobs", outcome.trained().stepJobs());
    long examples = state.history.stream().mapToLong(EpochMetrics::examples).sum();
    t.put("examples_per_second", trainSeconds > 0 ? examples / trainSeconds : 0);
    return t;
  }

  /**
   * The learning-rate schedule as run: its description with its parameters and the steps it spans
   * (its settings are also under config.mlp.train.schedule).
   */
  private ObjectNode schedule() {
    TrainSettings t = config.train();
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", t.schedule().type().id());
    o.put("description", t.schedule().type().create(t.schedule()).describe());
    int perEpoch = BatchPlan.numSteps(data.numTrain(), t.batchSize());
    o.put("steps_per_epoch", perEpoch);
    o.put("total_steps", (long) perEpoch * t.epochs());
    return o;
  }

  /** This build's version, from the jar manifest. */
  static String version() {
    String v = RunSummary.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}

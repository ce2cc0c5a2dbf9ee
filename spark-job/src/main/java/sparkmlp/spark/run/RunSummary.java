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
 * A finished run's {@code summary.json} (also stored in the model): the config, the data, the
 * network, the history, timings, the environment and the test result. Building it runs no Spark
 * job; everything it reports was gathered before. Credentials are redacted ({@link Redaction}).
 *
 * @param test the test evaluation, or null without test data
 * @param initModel the warm-start model's path, or null
 */
record RunSummary(
    JobConfig config,
    PreparedData data,
    Network network,
    TrainingState state,
    Timings timings,
    SparkEnvironment environment,
    Evaluation test,
    boolean resumed,
    String initModel) {

  /**
   * Wall-clock seconds of the run's phases and the number of step jobs.
   *
   * @param prepareSeconds reading and preparing the data
   * @param trainSeconds the training loop
   * @param totalSeconds the whole run up to the summary
   */
  record Timings(double prepareSeconds, double trainSeconds, double totalSeconds, long stepJobs) {}

  ObjectNode toJson() {
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
    ObjectNode t = s.putObject("timings");
    t.put("prepare_seconds", timings.prepareSeconds());
    t.put("train_seconds", timings.trainSeconds());
    t.put("total_seconds", timings.totalSeconds());
    t.put("step_jobs", timings.stepJobs());
    long examples = state.history.stream().mapToLong(EpochMetrics::examples).sum();
    t.put(
        "examples_per_second", timings.trainSeconds() > 0 ? examples / timings.trainSeconds() : 0);
    ObjectNode blas = s.putObject("blas");
    blas.put("driver", environment.driverBlas());
    ArrayNode ex = blas.putArray("executors");
    environment.executorBlas().forEach(ex::add);
    ObjectNode sp = s.putObject("spark");
    sp.put("version", environment.sparkVersion());
    sp.put("master", environment.master());
    sp.put("default_parallelism", environment.defaultParallelism());
    if (test != null) {
      s.set("test", test.toJson(data.encoder().names()));
    }
    s.put("resumed", resumed);
    if (initModel != null) {
      s.put("init_model", initModel);
    }
    // The summary goes into summary.json, every model header, registry version and Spark ML
    // folder: credentials in mlp.spark.conf (or in a path's user part) must not.
    return (ObjectNode) Redaction.forJob(config.spark().conf()).redact(s, "");
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

package sparkmlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.data.Precision;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;

/**
 * sparkmlp's {@link TrainJob} run as {@code mlp train} runs it, with the test set as validation
 * data so that each epoch's validation accuracy is the test accuracy at that point, and its Spark
 * jobs timed by a {@link StepJobListener}.
 *
 * @param epochs per epoch: seconds, cumulative seconds since training started, test accuracy
 * @param prepareSeconds reading, preparing and caching the data (before the first step)
 * @param cachedBytes bytes of the cached training blocks, as the job counts them
 * @param sparkCachedBytes the same as Spark's block manager reports it (−1 if unknown)
 * @param config the config file's name
 * @param precision {@code mlp.train.precision} of the run
 * @param engine how the steps ran ({@code summary.json → execution.engine}): {@code spark} (a job a
 *     step), {@code spark-barrier} (resident tasks, one stage) or {@code single-process}
 */
record SparkRun(
    List<Epoch> epochs,
    double prepareSeconds,
    double trainSeconds,
    double totalSeconds,
    long numTrain,
    int features,
    int batch,
    int stepsPerEpoch,
    long cachedBytes,
    long sparkCachedBytes,
    double finalTestAccuracy,
    StepJobListener.StepStats stepStats,
    String network,
    int numParams,
    String settings,
    String config,
    Precision precision,
    String engine) {

  /**
   * One epoch of the run; {@code validationSeconds} is the wall time of its validation, as the
   * training loop timed it (a validation job, or the resident tasks' validation).
   */
  record Epoch(
      int epoch,
      double seconds,
      double cumulativeSeconds,
      double testAccuracy,
      double loss,
      double testLoss,
      double validationSeconds) {

    double stepsSeconds() {
      return seconds - validationSeconds;
    }
  }

  static SparkRun run(
      SparkSession spark, JobConfig config, String configName, String settings, Progress progress) {
    StepJobListener listener = new StepJobListener(spark.sparkContext());
    spark.sparkContext().addSparkListener(listener);
    TrainJob.Result r;
    try {
      r =
          new TrainJob(
                  spark, config, new TrainOptions(false, null, false), progress.out(), System.err)
              .run();
      listener.drain();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    List<Double> validation = listener.validationSeconds();
    List<Epoch> epochs = new ArrayList<>();
    double cumulative = 0;
    for (int i = 0; i < r.history().size(); i++) {
      EpochMetrics m = r.history().get(i);
      cumulative += m.seconds();
      // the loop's own time of the validation (a job, or the resident tasks' exchange); the
      // listener's job time for a history read from an older checkpoint
      double v =
          Double.isFinite(m.valSeconds())
              ? m.valSeconds()
              : i < validation.size() ? validation.get(i) : Double.NaN;
      epochs.add(
          new Epoch(m.epoch(), m.seconds(), cumulative, m.valAccuracy(), m.loss(), m.valLoss(), v));
    }
    JsonNode s = r.summary();
    JsonNode t = s.get("timings");
    long numTrain = s.get("data").get("train_rows").asLong();
    int batch = config.train().batchSize();
    return new SparkRun(
        epochs,
        t.get("prepare_seconds").asDouble(),
        t.get("train_seconds").asDouble(),
        t.get("total_seconds").asDouble(),
        numTrain,
        s.get("data").get("features").asInt(),
        batch,
        (int) ((numTrain + batch - 1) / batch),
        s.get("data").get("cached_bytes").asLong(),
        listener.sparkCachedBytes(),
        r.test() == null ? Double.NaN : r.test().accuracy(),
        listener.stepStats(),
        s.get("network").asText(),
        s.get("parameters").asInt(),
        settings,
        configName,
        config.train().precision(),
        s.at("/execution/engine").asText());
  }

  /** Whether the steps ran as resident tasks, barrier or peer (no Spark job a step to time). */
  boolean barrier() {
    return engine.equals("spark-barrier") || engine.equals("peer");
  }

  /** The config file's name without its extension, and the precision: "fashion-mnist float". */
  String label() {
    return config.replaceFirst("\\.conf$", "") + " " + precision.id();
  }

  /**
   * Seconds of training (cumulative epoch seconds) until the test accuracy first reached {@code
   * target}, or NaN.
   */
  double timeTo(double target) {
    for (Epoch e : epochs) {
      if (e.testAccuracy() >= target) {
        return e.cumulativeSeconds();
      }
    }
    return Double.NaN;
  }

  /** Epoch at which the test accuracy first reached {@code target}, or 0. */
  int epochTo(double target) {
    for (Epoch e : epochs) {
      if (e.testAccuracy() >= target) {
        return e.epoch();
      }
    }
    return 0;
  }

  double bestAccuracy() {
    return epochs.stream().mapToDouble(Epoch::testAccuracy).max().orElse(Double.NaN);
  }

  /**
   * Median epoch seconds (validation included), which the first, JIT-warming epoch does not skew.
   */
  double medianEpochSeconds() {
    return Measurement.ofTimes(epochs.stream().mapToDouble(Epoch::seconds).toArray()).median();
  }

  /** Median epoch seconds without the validation job. */
  double medianStepsSeconds() {
    return Measurement.ofTimes(epochs.stream().mapToDouble(Epoch::stepsSeconds).toArray()).median();
  }

  /** Cached bytes per training example over 8 bytes per feature value. */
  double cachedRatio() {
    return cachedBytes / (8.0 * features * numTrain);
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("config", config);
    n.put("precision", precision.id());
    n.put("settings", settings);
    n.put("network", network);
    n.put("parameters", numParams);
    n.put("train_rows", numTrain);
    n.put("batch", batch);
    n.put("steps_per_epoch", stepsPerEpoch);
    n.put("prepare_seconds", prepareSeconds);
    n.put("train_seconds", trainSeconds);
    n.put("total_seconds", totalSeconds);
    n.put("final_test_accuracy", finalTestAccuracy);
    n.put("best_test_accuracy", bestAccuracy());
    ArrayNode a = n.putArray("epochs");
    for (Epoch e : epochs) {
      ObjectNode o = a.addObject();
      o.put("epoch", e.epoch());
      o.put("seconds", e.seconds());
      o.put("seconds_since_training_start", e.cumulativeSeconds());
      o.put("seconds_since_job_start", prepareSeconds + e.cumulativeSeconds());
      o.put("validation_job_seconds", e.validationSeconds());
      o.put("loss", e.loss());
      o.put("test_loss", e.testLoss());
      o.put("test_accuracy", e.testAccuracy());
    }
    ObjectNode to = n.putObject("time_to_accuracy");
    for (double target : SpeedTargets.ACCURACIES) {
      ObjectNode o = to.putObject(String.valueOf(target));
      double secs = timeTo(target);
      o.put("epoch", epochTo(target));
      o.put("training_seconds", secs);
      o.put(
          "seconds_including_preparation", Double.isNaN(secs) ? Double.NaN : secs + prepareSeconds);
    }
    n.put("median_epoch_seconds", medianEpochSeconds());
    n.put("median_epoch_seconds_without_validation", medianStepsSeconds());
    n.put("cached_bytes", cachedBytes);
    n.put("cached_bytes_per_example", (double) cachedBytes / numTrain);
    n.put("cached_bytes_over_8_per_feature", cachedRatio());
    n.put("spark_block_manager_cached_bytes", sparkCachedBytes);
    n.put("engine", engine);
    if (!barrier()) {
      n.set("step_jobs", stepStats.toJson());
    }
    return n;
  }
}

package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;

/**
 * Part of {@code bin/bench --scaling}: the bundled digits trained through Spark (one job per step)
 * and in the driver ({@code mlp.train.single-process=auto}), same config otherwise.
 */
final class DigitsEngines {
  private DigitsEngines() {}

  /** Examples per second, training seconds and test accuracy of each engine. */
  static ObjectNode run(SparkSession spark, Path results, Progress progress) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (String mode : List.of("never", "auto")) {
      JobConfig config =
          ConfigLoader.load(
              Path.of("conf/digits.conf"),
              List.of(
                  "train.single-process=" + mode,
                  "train.checkpoint.every-epochs=0",
                  "log.progress=never",
                  "output.dir=\"" + results.resolve("runs/digits-" + mode) + "\""));
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
      TrainJob.Result r =
          new TrainJob(spark, config, new TrainOptions(false, null, false), quiet, quiet).run();
      ObjectNode n = out.putObject("single_process_" + mode);
      n.put("engine", r.summary().at("/execution/engine").asText());
      n.put("examples_per_second", r.summary().at("/timings/examples_per_second").asDouble());
      n.put("train_seconds", r.summary().at("/timings/train_seconds").asDouble());
      n.put("step_jobs", r.summary().at("/timings/step_jobs").asLong());
      n.put("test_accuracy", r.test() == null ? Double.NaN : r.test().accuracy());
      progress.line(
          "  digits, single-process=%s: %s, %.0f examples/s, %.2f s training, test accuracy %.4f",
          mode,
          n.get("engine").asText(),
          n.get("examples_per_second").asDouble(),
          n.get("train_seconds").asDouble(),
          n.get("test_accuracy").asDouble());
    }
    return out;
  }
}

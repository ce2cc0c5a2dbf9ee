package sparkmlp.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import sparkmlp.core.data.Precision;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.TrainSettings;

/**
 * The sparkmlp runs of one comparison and their configs: each config file at each precision, then
 * the first config at each extra batch size of the float ÷ double sweep, each at each precision.
 */
final class BenchRuns {

  /**
   * One sparkmlp run of the benchmark: a config file at one precision and, for a short run of the
   * float ÷ double comparison against the batch, another batch size (0 = the config's).
   */
  record Run(Path config, Precision precision, int batch, JobConfig job) {
    String name() {
      return config.getFileName() + " " + precision.id() + (batch > 0 ? " batch " + batch : "");
    }
  }

  private final Benchmark options;
  private final String stamp;

  BenchRuns(Benchmark options, String stamp) {
    this.options = options;
    this.stamp = stamp;
  }

  /** All runs, in the order they run: the configs', then the batch sweep's. */
  List<Run> all() {
    List<Path> configs = options.configs();
    List<Run> runs = new ArrayList<>();
    for (Path c : configs) {
      for (Precision p : options.precisions) {
        runs.add(new Run(c, p, 0, jobConfig(c, p, 0, runs.size() + 1, false)));
      }
    }
    for (int b : options.precisionBatches()) {
      for (Precision p : options.precisions) {
        runs.add(
            new Run(configs.get(0), p, b, jobConfig(configs.get(0), p, b, runs.size() + 1, false)));
      }
    }
    return runs;
  }

  /** The first config at {@code precision}, trained for 2 unrecorded epochs. */
  JobConfig warmUp(Precision precision) {
    return jobConfig(options.configs().get(0), precision, 0, 0, true);
  }

  /** e.g. {@code adam lr 0.001, batch 128, 10 epochs, double}. */
  static String settings(TrainSettings t) {
    return String.format(
        Locale.ROOT,
        "%s lr %s, batch %d, %d epochs, %s",
        t.optimizer().name().id(),
        t.optimizer().learningRate(),
        t.batchSize(),
        t.epochs(),
        t.precision().id());
  }

  /** A HOCON string value. */
  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * A run's config: the file and --set, after the bench's own settings (test set as validation,
   * output, precision); a {@code warmUp} run trains 2 epochs.
   */
  private JobConfig jobConfig(
      Path config, Precision precision, int batch, int index, boolean warmUp) {
    JobConfig base = ConfigLoader.load(config, options.overrides);
    if (base.data().test() == null) {
      throw new CommandLine.ParameterException(
          new CommandLine(options),
          config + " names no test set (mlp.data.test):" + " the benchmark reports test accuracy");
    }
    List<String> all = new ArrayList<>();
    all.add("data.validation=" + quote(base.data().test()));
    if (base.data().testLabels() != null) {
      all.add("data.validation-labels=" + quote(base.data().testLabels()));
    }
    all.add("data.validation-split=0");
    String name = config.getFileName().toString().replaceFirst("\\.conf$", "");
    Path out =
        options
            .results
            .resolve("runs")
            .resolve(stamp)
            .resolve((warmUp ? "warm-up" : index) + "-" + name + "-" + precision.id());
    all.add("output.dir=" + quote(out.toString()));
    all.add("train.precision=" + precision.id());
    all.add("log.progress=never");
    all.add("spark.master=" + quote(Benchmark.MASTER));
    if (options.quick) {
      all.add("train.epochs=3");
    }
    all.addAll(options.overrides);
    if (batch > 0) {
      all.add("train.batch-size=" + batch);
      all.add("train.epochs=" + options.precisionEpochs);
    }
    if (warmUp) {
      all.add("train.epochs=2");
    }
    return ConfigLoader.load(config, all);
  }
}

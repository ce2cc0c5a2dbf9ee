package sparkmlp.spark.cli;

import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Option;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.registry.Registry;

/** {@code --model PATH} or {@code --registry DIR} (the registry's champion): exactly one. */
final class ModelChoice {
  @Option(names = "--model", paramLabel = "PATH", description = "model file or output folder")
  String model;

  @Option(
      names = "--registry",
      paramLabel = "DIR",
      description = "use the champion of this model registry instead of --model")
  String registry;

  /** The model path the user means. */
  String path(Configuration conf) {
    if ((model == null) == (registry == null)) {
      throw new InvalidConfigException("give exactly one of --model PATH and --registry DIR");
    }
    return model != null
        ? model
        : new Registry(conf, registry, Duration.ofMinutes(10)).championModel();
  }
}

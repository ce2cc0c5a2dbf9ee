package sparkmlp.spark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;

/** Options every Spark command shares: the config file, overrides and the master. */
final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "HOCON config file (see reference.conf)")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "override a config key, e.g. train.epochs=5")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else the config's, else local[*])")
  String master;

  /** The config with the given extra overrides after the user's own. */
  JobConfig load(List<String> extra) {
    List<String> all = new ArrayList<>(sets);
    all.addAll(extra);
    return ConfigLoader.load(config, all);
  }
}

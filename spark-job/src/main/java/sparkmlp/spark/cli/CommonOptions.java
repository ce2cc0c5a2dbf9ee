package sparkmlp.spark.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import sparkmlp.spark.config.HadoopConfigFile;
import sparkmlp.spark.config.JobConfig;

/** Options every Spark command shares: the config file, overrides and the master. */
final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE|URI",
      description =
          "HOCON config file (see reference.conf): a local path, or a Hadoop URI (hdfs://...,"
              + " s3a://..., file:...) a driver in a cluster container can read")
  String config;

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

  @Option(
      names = "--status-file",
      paramLabel = "URI",
      description =
          "at the end, write {command, exit_code, status, message, output, finished} as JSON here"
              + " (a local path or a Hadoop URI; for schedulers in cluster deploy mode)")
  String statusFile;

  /** The config the command loaded last, for the status file's output folder; null before. */
  JobConfig loaded;

  /** The config with the given extra overrides after the user's own. */
  JobConfig load(List<String> extra) {
    List<String> all = new ArrayList<>(sets);
    all.addAll(extra);
    loaded = HadoopConfigFile.load(config, all, new org.apache.hadoop.conf.Configuration());
    return loaded;
  }
}

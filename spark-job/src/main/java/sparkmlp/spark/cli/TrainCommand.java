package sparkmlp.spark.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;
import sparkmlp.spark.session.SparkSessions;

/** {@code mlp train}: trains a model and writes it to the output folder. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model on Spark.")
final class TrainCommand implements Callable<Integer>, MlpCommand.Streams {
  @Mixin CommonOptions common;

  @Option(names = "--output", paramLabel = "DIR", description = "output folder (mlp.output.dir)")
  String output;

  @Option(names = "--resume", description = "continue from the newest checkpoint, if any")
  boolean resume;

  @Option(
      names = "--init-model",
      paramLabel = "PATH",
      description = "warm-start from this model (same shapes)")
  String initModel;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  @Override
  public void streams(PrintStream o, PrintStream e) {
    out = o;
    err = e;
  }

  @Override
  public Integer call() {
    List<String> extra = new ArrayList<>();
    if (output != null) {
      extra.add("output.dir=" + output);
    }
    JobConfig config = common.load(extra);
    boolean bar = config.log().progress().draws(System.console() != null);
    SparkSession spark = SparkSessions.create(config.spark(), common.master);
    try {
      new TrainJob(spark, config, new TrainOptions(resume, initModel, bar), out, err).run();
    } finally {
      SparkSessions.release(spark);
    }
    return ExitCodes.OK;
  }
}

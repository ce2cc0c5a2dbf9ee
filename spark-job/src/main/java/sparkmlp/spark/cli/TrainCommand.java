package sparkmlp.spark.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkmlp.spark.config.CheckpointSettings;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;
import sparkmlp.spark.session.SparkSessions;
import sparkmlp.spark.store.CheckpointStore;

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
      boolean resumeNow = resume || restartResumes(spark, config);
      new TrainJob(spark, config, new TrainOptions(resumeNow, initModel, bar), out, err).run();
    } finally {
      SparkSessions.release(spark);
    }
    return ExitCodes.OK;
  }

  /**
   * A YARN driver restart (attempt 2 or later) whose output folder holds a checkpoint continues
   * from it, and says so; anything else starts as asked.
   */
  private boolean restartResumes(SparkSession spark, JobConfig config) {
    int attempt =
        DriverAttempt.number(System.getProperties(), spark.sparkContext().applicationAttemptId());
    String outDir = config.output().dir();
    if (attempt < 2 || outDir == null) {
      return false;
    }
    CheckpointSettings cs = config.train().checkpoint();
    String dir =
        cs.dir() != null ? cs.dir() : AtomicFiles.withoutTrailingSlash(outDir) + "/checkpoints";
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    boolean found = !new CheckpointStore(hadoop, dir, cs.keep()).checkpoints().isEmpty();
    if (DriverAttempt.resume(attempt, false, found)) {
      out.println(
          "driver attempt "
              + attempt
              + ": resuming from the checkpoints in "
              + dir
              + " (as --resume)");
      return true;
    }
    return false;
  }
}

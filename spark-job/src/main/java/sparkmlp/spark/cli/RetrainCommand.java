package sparkmlp.spark.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.LogSettings;
import sparkmlp.spark.registry.LockLostException;
import sparkmlp.spark.registry.Registry;
import sparkmlp.spark.registry.RetrainJob;
import sparkmlp.spark.registry.RunLockedException;
import sparkmlp.spark.session.SparkSessions;

/**
 * {@code mlp retrain}: one scheduled run into the registry (see {@link RetrainJob}). Exit 0 for a
 * finished run, promoted or not; {@link ExitCodes#REJECTED} for a rejected candidate with {@code
 * --fail-on-reject}; {@link ExitCodes#LOCKED} when the run id is running elsewhere or this run lost
 * its lock.
 */
@Command(
    name = "retrain",
    mixinStandardHelpOptions = true,
    description =
        "Retrain into the model registry: data checks, training, gate, promotion; idempotent per"
            + " run id.")
final class RetrainCommand implements Callable<Integer>, MlpCommand.Streams {
  @Mixin CommonOptions common;

  @Option(
      names = "--run-id",
      required = true,
      paramLabel = "ID",
      description = "the run's id, typically the schedule slot, e.g. 2026-11-29")
  String runId;

  @Option(
      names = "--fail-on-reject",
      description = "exit " + ExitCodes.REJECTED + " when the candidate is not promoted")
  boolean failOnReject;

  private PrintStream out = System.out;
  private PrintStream err = System.err;

  @Override
  public void streams(PrintStream o, PrintStream e) {
    out = o;
    err = e;
  }

  @Override
  public Integer call() {
    Registry.checkRunId(runId);
    JobConfig base = common.load(java.util.List.of());
    JobConfig config = common.load(RetrainJob.overrides(base.registry(), runId));
    LogSettings.Progress p = config.log().progress();
    boolean bar =
        p == LogSettings.Progress.ALWAYS
            || (p == LogSettings.Progress.AUTO && System.console() != null);
    RetrainJob.Outcome outcome =
        RetrainJob.replayIfFinished(
            new org.apache.hadoop.conf.Configuration(), config.registry(), runId, out, err);
    if (outcome != null) {
      if (DeployMode.cluster(System.getProperties())) {
        // YARN's ApplicationMaster fails an application whose driver never started a SparkContext
        // ("User did not initialize spark context!", exit 13), even a replay that succeeded.
        SparkSessions.release(SparkSessions.create(config.spark(), common.master));
      }
      return exitCode(outcome);
    }
    SparkSession spark = SparkSessions.create(config.spark(), common.master);
    try {
      outcome = new RetrainJob(spark, config, runId, new RetrainJob.Console(out, err, bar)).run();
    } catch (RunLockedException | LockLostException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.LOCKED;
    } finally {
      SparkSessions.release(spark);
    }
    return exitCode(outcome);
  }

  private int exitCode(RetrainJob.Outcome outcome) {
    if (outcome.superseded()) {
      err.println("error: run " + runId + " " + outcome.decision().path("reason").asText());
      return ExitCodes.SUPERSEDED;
    }
    return !outcome.promoted() && failOnReject ? ExitCodes.REJECTED : ExitCodes.OK;
  }
}

package sparkmlp.spark.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mlp} command: train, evaluate, predict, inspect, export, retrain, registry. */
@Command(
    name = "mlp",
    mixinStandardHelpOptions = true,
    versionProvider = MlpCommand.Version.class,
    description = "Distributed mini-batch training of multilayer perceptrons on Apache Spark.",
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      InspectCommand.class,
      ExportCommand.class,
      RetrainCommand.class,
      RegistryCommand.class,
      CommandLine.HelpCommand.class
    })
public final class MlpCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "a subcommand is required: train, evaluate, predict, inspect, export, retrain or registry");
  }

  public static void main(String[] args) {
    Outcome outcome = execute(args, System.out, System.err);
    DeployMode.finish(System.getProperties(), outcome.code(), outcome.message(), System::exit);
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return execute(args, out, err).code();
  }

  /** How a command ended: its exit code and the error line it printed, or null. */
  record Outcome(int code, String message) {}

  /**
   * Runs the command line; then, if the command was given {@code --status-file}, writes it. A
   * status file that cannot be written fails the command (a scheduler would otherwise misread it).
   */
  static Outcome execute(String[] args, PrintStream out, PrintStream rawErr) {
    ErrorLines err = new ErrorLines(rawErr);
    CommandLine cl = new CommandLine(new MlpCommand());
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    cl.setExecutionExceptionHandler((e, line, parsed) -> ExitCodes.report(e, err));
    cl.setParameterExceptionHandler(
        (e, a) -> {
          err.println("error: " + e.getMessage());
          err.println("usage: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
          return ExitCodes.USAGE;
        });
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommand() instanceof Streams s) {
        s.streams(out, err);
      }
    }
    int code = cl.execute(args);
    CommandLine.ParseResult parsed = cl.getParseResult();
    CommandLine.ParseResult sub = parsed == null ? null : parsed.subcommand();
    CommonOptions common = sub == null ? null : common(sub.commandSpec());
    if (common != null && common.statusFile != null) {
      String output = common.loaded == null ? null : common.loaded.output().dir();
      try {
        StatusFile.write(
            new org.apache.hadoop.conf.Configuration(),
            common.statusFile,
            sub.commandSpec().name(),
            code,
            err.lastError(),
            output);
      } catch (RuntimeException e) {
        code = code == ExitCodes.OK ? ExitCodes.FAILURE : code;
        err.println("error: --status-file " + common.statusFile + ": " + e.getMessage());
      }
    }
    return new Outcome(code, err.lastError());
  }

  private static CommonOptions common(CommandLine.Model.CommandSpec spec) {
    for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof CommonOptions c) {
        return c;
      }
    }
    return null;
  }

  /** Commands that print get the streams main was given. */
  interface Streams {
    void streams(PrintStream out, PrintStream err);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = MlpCommand.class.getPackage().getImplementationVersion();
      return new String[] {"sparkmlp " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}

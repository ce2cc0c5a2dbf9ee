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
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
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
    return cl.execute(args);
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

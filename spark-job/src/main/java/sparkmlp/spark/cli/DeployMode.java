package sparkmlp.spark.cli;

import java.util.Properties;

/**
 * How {@code main} ends, by where the driver runs. In cluster deploy mode the driver is a thread of
 * YARN's ApplicationMaster (or a Kubernetes driver pod run by Spark's launcher): {@code
 * System.exit} there kills the master before it reports the application's final status, so a
 * failure is thrown ({@link CommandFailedException}) and success simply returns. Elsewhere (client
 * mode, {@code bin/mlp}, local) the exit code is the command's own.
 */
final class DeployMode {
  private DeployMode() {}

  /** True when Spark runs this driver in cluster deploy mode ({@code spark.submit.deployMode}). */
  static boolean cluster(Properties system) {
    return "cluster".equals(system.getProperty("spark.submit.deployMode"));
  }

  /**
   * Ends {@code main}: exits with {@code code} outside cluster mode; in cluster mode returns on
   * success and throws on failure.
   *
   * @param exit what exits the JVM ({@code System::exit} in {@code main})
   */
  static void finish(
      Properties system, int code, String message, java.util.function.IntConsumer exit) {
    if (!cluster(system)) {
      exit.accept(code);
      return;
    }
    if (code != ExitCodes.OK) {
      throw new CommandFailedException(code, message);
    }
  }

  /** A command that failed in cluster deploy mode, with the exit code it would have exited with. */
  static final class CommandFailedException extends RuntimeException {
    private final int exitCode;

    CommandFailedException(int exitCode, String message) {
      super("mlp failed with exit code " + exitCode + (message == null ? "" : ": " + message));
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }
}

package sparkmlp.spark.cli;

import java.io.PrintStream;
import sparkmlp.core.train.DivergenceException;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.io.InputException;

/** Maps a failure to one line on stderr and an exit code. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int DIVERGED = 4;

  private ExitCodes() {}

  static int report(Throwable t, PrintStream err) {
    InvalidConfigException config = find(t, InvalidConfigException.class);
    if (config != null) {
      err.println("error: " + config.getMessage());
      return USAGE;
    }
    InputException input = InputException.find(t);
    if (input != null) {
      err.println("error: " + input.getMessage());
      return BAD_INPUT;
    }
    DivergenceException diverged = find(t, DivergenceException.class);
    if (diverged != null) {
      err.println("error: " + diverged.getMessage());
      return DIVERGED;
    }
    IllegalArgumentException bad = find(t, IllegalArgumentException.class);
    if (bad != null) {
      err.println("error: " + oneLine(bad.getMessage()));
      return BAD_INPUT;
    }
    err.println(
        "error: "
            + t.getClass().getName()
            + ": "
            + oneLine(String.valueOf(t.getMessage()))
            + " (set MLP_STACKTRACE=1 for the stack trace)");
    if (System.getenv("MLP_STACKTRACE") != null) {
      t.printStackTrace(err);
    }
    return FAILURE;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}

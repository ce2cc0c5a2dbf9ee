package sparkmlp.spark.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import sparkmlp.core.format.FormatException;
import sparkmlp.core.train.DivergenceException;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.MissingColumnException;
import sparkmlp.spark.registry.SupersededException;

/**
 * Maps a failure to one line on stderr and an exit code, by the exception types this project throws
 * on purpose; anything else (a bug, an I/O failure) is a plain failure.
 */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILURE = 1;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int DIVERGED = 4;

  /** retrain --fail-on-reject: the run finished and the candidate was not promoted. */
  static final int REJECTED = 5;

  /**
   * retrain: another live run holds the run id's lock, or this run lost its lock (taken over, or
   * its heartbeat failed) and stopped before writing.
   */
  static final int LOCKED = 6;

  /**
   * retrain, registry promote/rollback: the change was decided against a champion that another run
   * replaced meanwhile, so nothing was promoted (compare-and-set); recorded as superseded.
   */
  static final int SUPERSEDED = 7;

  private ExitCodes() {}

  static int report(Throwable t, PrintStream err) {
    Throwable known = usage(t);
    if (known != null) {
      err.println("error: " + oneLine(known.getMessage()));
      return USAGE;
    }
    known = badInput(t);
    if (known != null) {
      err.println("error: " + oneLine(known.getMessage()));
      return BAD_INPUT;
    }
    SupersededException superseded = find(t, SupersededException.class);
    if (superseded != null) {
      err.println("error: " + oneLine(superseded.getMessage()));
      return SUPERSEDED;
    }
    DivergenceException diverged = find(t, DivergenceException.class);
    if (diverged != null) {
      err.println("error: " + oneLine(diverged.getMessage()));
      return DIVERGED;
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

  /** A bad option or config value, including a column the config names that the data lacks. */
  private static Throwable usage(Throwable t) {
    Throwable found = find(t, InvalidConfigException.class);
    if (found == null) {
      found = find(t, CommandLine.ParameterException.class);
    }
    if (found == null) {
      found = find(t, MissingColumnException.class);
    }
    return found;
  }

  /** Bad data or a corrupt model or checkpoint file. */
  private static Throwable badInput(Throwable t) {
    Throwable found = InputException.find(t);
    return found != null ? found : find(t, FormatException.class);
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

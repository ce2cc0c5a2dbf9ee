package sparkmlp.cluster;

import java.time.Duration;

/**
 * How a {@code SparkSubmit} run ended: its exit code (137 when killed), everything it printed, and
 * whether the harness killed it for running past its timeout.
 */
public record SubmitResult(
    String name, int exitCode, String stdout, String stderr, Duration elapsed, boolean timedOut) {

  private static final int TAIL_LINES = 60;

  /** True if SparkSubmit exited 0 in time. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }

  /** Stdout and stderr together, for searching a message wherever it went. */
  public String output() {
    return stdout + "\n" + stderr;
  }

  /** A short account with the tail of both streams, for assertion messages. */
  public String summary() {
    return name
        + " exited "
        + exitCode
        + (timedOut ? " (killed after its timeout)" : "")
        + " after "
        + elapsed.toMillis()
        + " ms\n--- stdout (tail)\n"
        + tail(stdout)
        + "--- stderr (tail)\n"
        + tail(stderr);
  }

  private static String tail(String text) {
    var lines = text.lines().toList();
    StringBuilder out = new StringBuilder();
    lines
        .subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
        .forEach(l -> out.append(l).append('\n'));
    return out.toString();
  }
}

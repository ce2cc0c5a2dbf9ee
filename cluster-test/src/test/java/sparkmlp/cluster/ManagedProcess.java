package sparkmlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One JVM the harness started, with its log files. Its life ends through {@link ProcessReaper}. */
public final class ManagedProcess {

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  ManagedProcess(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * What the harness calls it in logs and messages: {@code master}, {@code worker-1}, {@code
   * submit-2}.
   */
  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or fails if the process still runs. */
  public int exitCode() {
    return process.exitValue();
  }

  /** Waits up to {@code timeout} for the process to end; true if it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public Path stdoutLog() {
    return stdout;
  }

  public Path stderrLog() {
    return stderr;
  }

  /** The whole of a log file as text; empty if it does not exist yet. */
  static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /**
   * The last {@code lines} lines of the process's logs, headed by its name, pid and state, for
   * failure messages.
   */
  public String tail(int lines) {
    StringBuilder out = new StringBuilder();
    out.append("--- ")
        .append(name)
        .append(" (pid ")
        .append(pid())
        .append(", ")
        .append(isAlive() ? "alive" : "exited " + exitCode())
        .append(")\n");
    Set<Path> logs = new LinkedHashSet<>(List.of(stdout, stderr));
    for (Path log : logs) {
      List<String> all = read(log).lines().toList();
      out.append("    [").append(log).append("]\n");
      all.subList(Math.max(0, all.size() - lines), all.size())
          .forEach(l -> out.append("    ").append(l).append('\n'));
    }
    return out.toString();
  }

  /** SIGKILL for this process alone, as a crash would; waits for it to be gone. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /**
   * Ends the process and everything below it: SIGTERM first so a worker can stop its executors
   * itself, then SIGKILL for whatever is left after {@code grace}. The descendants are read before
   * the signal, since once their parent is gone they are no longer its descendants.
   *
   * @return every process that was part of the tree, for the caller's record
   */
  List<ProcessHandle> stopTree(Duration grace) {
    List<ProcessHandle> tree = ProcessTrees.descendantsAndSelf(handle());
    process.destroy();
    if (!awaitExit(grace)) {
      process.destroyForcibly();
    }
    ProcessTrees.killAll(tree, Duration.ofSeconds(30));
    return tree;
  }

  /** Waits for {@code handle} to end; used where a kill must have taken effect before going on. */
  static void awaitGone(ProcessHandle handle, Duration timeout) {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The caller checks isAlive and reports.
    }
  }
}

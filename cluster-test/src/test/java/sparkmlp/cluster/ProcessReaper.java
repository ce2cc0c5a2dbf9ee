package sparkmlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Starts the harness's processes and makes sure none outlives it: {@link #close()} ends them in
 * reverse order of start (drivers, then workers with their executors, then the master), and a JVM
 * shutdown hook does the same if the test JVM exits without closing. Every process seen is
 * remembered, so that {@link #survivors()} can prove afterwards that none is left.
 */
public final class ProcessReaper implements AutoCloseable {

  private static final Duration GRACE = Duration.ofSeconds(10);
  private static final String MARKER_PREFIX = "-Dsparkmlp.cluster.run=";

  private final String marker;
  private final List<ManagedProcess> started = Collections.synchronizedList(new ArrayList<>());
  private final Map<Long, Optional<Instant>> seen =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Set<String> commandLineMarks = Collections.synchronizedSet(new LinkedHashSet<>());
  private final Thread shutdownHook;
  private boolean closed;

  /** A reaper whose processes carry {@code -Dsparkmlp.cluster.run=runId} on their command line. */
  public ProcessReaper(String runId) {
    this.marker = MARKER_PREFIX + runId;
    commandLineMarks.add(marker);
    this.shutdownHook = new Thread(() -> stopAll(Duration.ofSeconds(2)), "cluster-reaper-" + runId);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a JVM with output to the given logs ({@code stderr} may be {@code stdout}). The run's
   * marker goes in as the first JVM option, so that the process can be found by its command line
   * later.
   */
  public synchronized ManagedProcess start(
      String name, ProcessBuilder builder, Path stdout, Path stderr) {
    if (closed) {
      throw new IllegalStateException("cannot start " + name + ": the cluster has been torn down");
    }
    builder.command().add(1, marker);
    builder.redirectOutput(stdout.toFile());
    if (stderr.equals(stdout)) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(stderr.toFile());
    }
    Process os;
    try {
      os = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + builder.command(), e);
    }
    ManagedProcess process = new ManagedProcess(name, os, stdout, stderr);
    started.add(process);
    remember(process.handle());
    try {
      os.getOutputStream().close(); // nothing we start reads stdin
    } catch (IOException e) {
      // A pipe that will not close does no harm; the process is tracked either way.
    }
    return process;
  }

  /**
   * Also counts processes whose command line contains {@code fragment} (e.g. a worker's URL, which
   * its executors carry).
   */
  public void watchCommandLines(String fragment) {
    commandLineMarks.add(fragment);
  }

  /** Adds a process (an executor, say) to those that must be gone after teardown. */
  public void remember(ProcessHandle process) {
    seen.putIfAbsent(process.pid(), process.info().startInstant());
  }

  /**
   * Every process ever started or remembered that is alive now, plus any alive process carrying a
   * watched mark.
   */
  public List<ProcessHandle> survivors() {
    Set<ProcessHandle> alive = new LinkedHashSet<>();
    synchronized (seen) {
      seen.forEach(
          (pid, start) ->
              ProcessHandle.of(pid)
                  .filter(ProcessHandle::isAlive)
                  .filter(
                      p ->
                          start.isEmpty()
                              || p.info()
                                  .startInstant()
                                  .equals(start)) // the pid may have been reused
                  .ifPresent(alive::add));
    }
    List<String> marks;
    synchronized (commandLineMarks) {
      marks = List.copyOf(commandLineMarks);
    }
    long self = ProcessHandle.current().pid();
    marks.stream()
        .flatMap(ProcessTrees::withCommandLineContaining)
        .filter(p -> p.pid() != self)
        .forEach(alive::add);
    return List.copyOf(alive);
  }

  /**
   * Kills, with their trees, the daemons and drivers of earlier runs whose test JVM died without
   * running its shutdown hook (SIGKILL, a crash): their parent is gone, so they were handed to
   * init. Processes of runs whose test JVM is alive, here or in another build, are left alone.
   *
   * @return the processes killed, as {@link #describe} lists them
   */
  public static String killOrphansOfEarlierRuns() {
    List<ProcessHandle> orphans =
        ProcessTrees.withCommandLineContaining(MARKER_PREFIX)
            .filter(p -> p.pid() != ProcessHandle.current().pid())
            .filter(
                p ->
                    p.parent()
                        .map(
                            parent ->
                                parent.pid() == 1
                                    || !ProcessTrees.commandLine(parent).contains("java"))
                        .orElse(true))
            .toList();
    List<ProcessHandle> trees =
        orphans.stream().flatMap(p -> ProcessTrees.descendantsAndSelf(p).stream()).toList();
    String description = describe(trees);
    ProcessTrees.killAll(trees, Duration.ofSeconds(30));
    return description;
  }

  /** Human-readable list of processes, pid and command line, for assertion messages. */
  public static String describe(List<ProcessHandle> processes) {
    StringBuilder out = new StringBuilder();
    processes.forEach(
        p ->
            out.append("  pid ")
                .append(p.pid())
                .append(": ")
                .append(ProcessTrees.commandLine(p))
                .append('\n'));
    return out.toString();
  }

  /** The processes started so far, in start order. */
  public List<ManagedProcess> started() {
    synchronized (started) {
      return List.copyOf(started);
    }
  }

  /** Ends every process started, deepest trees' leaves first, newest first; safe to call twice. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stopAll(GRACE);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running or has run.
    }
  }

  private void stopAll(Duration grace) {
    List<ManagedProcess> newestFirst = new ArrayList<>(started());
    Collections.reverse(newestFirst);
    for (ManagedProcess process : newestFirst) {
      process.stopTree(grace).forEach(this::remember);
    }
    // Anything carrying our marks that escaped its tree (reparented before we looked) goes too.
    List<ProcessHandle> stragglers = survivors();
    stragglers.forEach(this::remember);
    ProcessTrees.killAll(stragglers, Duration.ofSeconds(30));
  }
}

package sparkmlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone master and its workers, each a JVM started from the {@link SparkHome}, all on
 * 127.0.0.1. Each worker offers 1 core and 1 GiB, so an application gets one executor per worker.
 */
public final class StandaloneCluster {

  private static final String DAEMON_HEAP = "512m";

  /**
   * Master and workers only pass messages: the C1 compiler and a serial collector start them with
   * less CPU, which matters on two cores where every JVM of the run starts at once.
   */
  private static final List<String> DAEMON_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final int LOG_LINES = 40;

  private final ManagedProcess master;
  private final List<ManagedProcess> workers;
  private final int masterPort;
  private final int webUiPort;
  private final ProcessReaper reaper;
  private final List<Path> workDirs;

  private StandaloneCluster(
      ManagedProcess master,
      List<ManagedProcess> workers,
      List<Path> workDirs,
      int masterPort,
      int webUiPort,
      ProcessReaper reaper) {
    this.master = master;
    this.workers = List.copyOf(workers);
    this.workDirs = List.copyOf(workDirs);
    this.masterPort = masterPort;
    this.webUiPort = webUiPort;
    this.reaper = reaper;
  }

  /**
   * Starts a master and {@code workerCount} workers, logs and work dirs under {@code dir}, without
   * waiting for them: call {@link #awaitWorkers} before use. The processes belong to {@code
   * reaper}, which ends them.
   */
  public static StandaloneCluster launch(
      SparkHome home, ProcessReaper reaper, Path dir, int workerCount) {
    if (workerCount < 1) {
      throw new IllegalArgumentException("a cluster needs at least 1 worker, got " + workerCount);
    }
    Path logs = createDirectories(dir.resolve("logs"));
    int masterPort = LoopbackPorts.free();
    int webUiPort = LoopbackPorts.free();
    ManagedProcess master =
        reaper.start(
            "master",
            confine(
                home.javaProcess(
                    DAEMON_HEAP,
                    DAEMON_OPTIONS,
                    "org.apache.spark.deploy.master.Master",
                    List.of(
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(masterPort),
                        "--webui-port",
                        Integer.toString(webUiPort))),
                dir.resolve("master")),
            logs.resolve("master.log"),
            logs.resolve("master.log"));
    // Another process can take the port between LoopbackPorts.free and the master's bind; Spark
    // then binds the next free one. Workers given the first port would knock at whatever took it,
    // so they start once the master has said where it listens.
    masterPort = awaitMasterPort(master, MASTER_START);
    String masterUrl = "spark://127.0.0.1:" + masterPort;
    List<ManagedProcess> workers = new ArrayList<>();
    List<Path> workDirs = new ArrayList<>();
    for (int i = 1; i <= workerCount; i++) {
      String name = "worker-" + i;
      int port = LoopbackPorts.free();
      // Executors carry their worker's URL on their command line: that is how teardown finds
      // strays.
      reaper.watchCommandLines("spark://Worker@127.0.0.1:" + port);
      Path workerDir = dir.resolve(name);
      workDirs.add(workerDir.resolve("work"));
      workers.add(
          reaper.start(
              name,
              confine(
                  home.javaProcess(
                      DAEMON_HEAP,
                      DAEMON_OPTIONS,
                      "org.apache.spark.deploy.worker.Worker",
                      List.of(
                          "--host",
                          "127.0.0.1",
                          "--port",
                          Integer.toString(port),
                          "--webui-port",
                          "0", // nobody reads a worker's UI: let it pick its own port
                          "--cores",
                          "1",
                          "--memory",
                          "1g",
                          "--work-dir",
                          createDirectories(workerDir.resolve("work")).toString(),
                          masterUrl)),
                  workerDir),
              logs.resolve(name + ".log"),
              logs.resolve(name + ".log")));
    }
    return new StandaloneCluster(master, workers, workDirs, masterPort, webUiPort, reaper);
  }

  private static final Duration MASTER_START = Duration.ofMinutes(2);

  private static final Pattern MASTER_STARTED =
      Pattern.compile("Starting Spark master at spark://127\\.0\\.0\\.1:(\\d+)");

  /** The port a master's log says it listens on; empty until it says so. */
  static OptionalInt masterPort(String log) {
    Matcher m = MASTER_STARTED.matcher(log);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  private static int awaitMasterPort(ManagedProcess master, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      OptionalInt port = masterPort(ManagedProcess.read(master.stderrLog()));
      if (port.isPresent()) {
        return port.getAsInt();
      }
      if (!master.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "the standalone master did not report its port within "
                + timeout
                + "\n"
                + master.tail(LOG_LINES));
      }
      sleep(Duration.ofMillis(100));
    }
  }

  /** {@code spark://127.0.0.1:PORT}, what {@code --master} takes. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /**
   * The master's web UI port; its JSON is at {@code /json/}. Usually the port it was given; when
   * another process took that one between {@link LoopbackPorts#free} and the master's bind, Spark
   * moves on to the next ones and logs each move, so the last port its log names.
   */
  public int webUiPort() {
    Matcher m = UI_MOVED.matcher(ManagedProcess.read(master.stderrLog()));
    int port = webUiPort;
    while (m.find()) {
      port = Integer.parseInt(m.group(1));
    }
    return port;
  }

  private static final Pattern UI_MOVED =
      Pattern.compile("Service 'MasterUI' could not bind on port \\d+\\. Attempting port (\\d+)");

  public ManagedProcess master() {
    return master;
  }

  public List<ManagedProcess> workers() {
    return workers;
  }

  /** The master's current view of the cluster. */
  public MasterState state() {
    try {
      return MasterState.fetch(webUiPort());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the master's state\n" + diagnostics(), e);
    }
  }

  /**
   * Executor JVMs alive now, below any worker, ordered by pid. Each is remembered for the teardown
   * check.
   */
  public List<ExecutorProcess> executors() {
    List<ExecutorProcess> found = new ArrayList<>();
    for (ManagedProcess worker : workers) {
      worker
          .handle()
          .descendants()
          .filter(ProcessHandle::isAlive)
          .forEach(
              p -> {
                String commandLine = ProcessTrees.commandLine(p);
                if (commandLine.contains(ExecutorProcess.MAIN_CLASS)) {
                  reaper.remember(p);
                  found.add(ExecutorProcess.of(p, commandLine, worker.name()));
                }
              });
    }
    found.sort(Comparator.comparingLong(ExecutorProcess::pid));
    return found;
  }

  /** Waits until at least {@code count} executor JVMs are alive, and returns them. */
  public List<ExecutorProcess> awaitExecutors(int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<ExecutorProcess> found = executors();
    while (found.size() < count) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "expected "
                + count
                + " executor JVMs within "
                + timeout
                + ", found "
                + found.size()
                + "\n"
                + diagnostics());
      }
      sleep(Duration.ofMillis(200));
      found = executors();
    }
    return found;
  }

  /**
   * Kills one executor JVM with SIGKILL, as a crashed machine would, and waits until it is gone.
   * The worker reports the loss; the master may then launch a replacement.
   *
   * @throws IllegalStateException if no executor is running
   */
  public ExecutorProcess killOneExecutor() {
    List<ExecutorProcess> running = executors();
    if (running.isEmpty()) {
      throw new IllegalStateException("no executor JVM to kill: none is running below the workers");
    }
    return kill(running.get(0));
  }

  /** Kills the given executor JVM with SIGKILL and waits until it is gone; returns it. */
  public ExecutorProcess kill(ExecutorProcess victim) {
    victim.handle().destroyForcibly();
    ManagedProcess.awaitGone(victim.handle(), Duration.ofSeconds(30));
    if (victim.handle().isAlive()) {
      throw new IllegalStateException(
          "executor pid " + victim.pid() + " survived SIGKILL for 30 s");
    }
    return victim;
  }

  /** The tail of the master's and each worker's log, and of the stderr of the newest executors. */
  public String diagnostics() {
    StringBuilder out = new StringBuilder();
    out.append(master.tail(LOG_LINES));
    workers.forEach(w -> out.append(w.tail(LOG_LINES)));
    for (Path stderr : newestExecutorLogs(2 * workers.size())) {
      List<String> lines = ManagedProcess.read(stderr).lines().toList();
      out.append("--- executor log ").append(stderr).append('\n');
      lines
          .subList(Math.max(0, lines.size() - LOG_LINES), lines.size())
          .forEach(l -> out.append("    ").append(l).append('\n'));
    }
    return out.toString();
  }

  /** {@code WORKER/work/APP/EXECUTOR/stderr} files, newest last, at most {@code limit}. */
  private List<Path> newestExecutorLogs(int limit) {
    List<Path> logs = new ArrayList<>();
    for (Path workDir : workDirs) {
      try (Stream<Path> files = Files.exists(workDir) ? Files.walk(workDir, 3) : Stream.empty()) {
        files.filter(f -> f.getFileName().toString().equals("stderr")).forEach(logs::add);
      } catch (IOException | UncheckedIOException e) {
        // A log that vanished while we looked is no diagnosis; leave it out.
      }
    }
    logs.sort(Comparator.comparing(StandaloneCluster::modified));
    return logs.subList(Math.max(0, logs.size() - limit), logs.size());
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  /**
   * Waits until {@code count} workers are ALIVE at the master.
   *
   * @throws IllegalStateException if a daemon exits or {@code timeout} passes, with the tail of
   *     every log
   */
  public void awaitWorkers(int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String lastSeen = "the master's web UI never answered";
    while (Instant.now().isBefore(deadline)) {
      List<ManagedProcess> dead = new ArrayList<>();
      if (!master.isAlive()) {
        dead.add(master);
      }
      workers.stream().filter(w -> !w.isAlive()).forEach(dead::add);
      if (!dead.isEmpty()) {
        throw new IllegalStateException(
            "standalone cluster did not start: "
                + dead.stream().map(ManagedProcess::name).toList()
                + " exited\n"
                + diagnostics());
      }
      try {
        MasterState state = MasterState.fetch(webUiPort());
        if (state.aliveWorkers() >= count) {
          return;
        }
        lastSeen =
            "master " + state.status() + " with " + state.aliveWorkers() + " alive worker(s)";
      } catch (IOException e) {
        // Not up yet.
      }
      sleep(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        "expected "
            + count
            + " workers registered with the master at "
            + masterUrl()
            + " within "
            + timeout
            + "; last seen: "
            + lastSeen
            + "\n"
            + diagnostics());
  }

  /**
   * Keeps what a JVM writes inside {@code dir}: its working directory, its temp files, and Spark's
   * scratch space (block manager dirs, shuffle files; a worker hands its own to its executors). A
   * JVM killed with SIGKILL cannot clean up after itself, and {@code /tmp} is shared.
   */
  static ProcessBuilder confine(ProcessBuilder builder, Path dir) {
    Path tmp = createDirectories(dir.resolve("tmp"));
    builder.directory(createDirectories(dir).toFile());
    builder
        .environment()
        .put("SPARK_LOCAL_DIRS", createDirectories(dir.resolve("local")).toString());
    builder.command().add(1, "-Djava.io.tmpdir=" + tmp);
    return builder;
  }

  static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

package sparkmlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A Spark standalone cluster on a {@link NetworkLab}: the master and the drivers on host 0, one
 * worker with 1 core and 1 GiB on each other host, every JVM started from the {@link SparkHome} as
 * {@link StandaloneCluster} starts them, but inside its host's namespace and bound to its host's
 * address ({@code SPARK_LOCAL_IP}); executors inherit both from their worker. {@link #close()} ends
 * every process it started; the lab itself belongs to the caller.
 */
public final class LabCluster implements AutoCloseable {

  private static final int MASTER_PORT = 7077;
  private static final int WORKER_PORT = 7078;
  private static final String DAEMON_HEAP = "512m";
  private static final List<String> DAEMON_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final SparkHome home;
  private final NetworkLab lab;
  private final Path dir;
  private final Path launcher;
  private final ProcessReaper reaper;
  private final AtomicInteger submissions = new AtomicInteger();
  private ManagedProcess master;

  private LabCluster(SparkHome home, NetworkLab lab, Path dir, ProcessReaper reaper) {
    this.home = home;
    this.lab = lab;
    this.dir = dir;
    this.reaper = reaper;
    this.launcher = writeLauncher(dir);
  }

  /**
   * Starts the master on host 0 and a worker on each other host, and waits until all workers have
   * registered; on failure what started is ended before the exception leaves.
   */
  public static LabCluster start(SparkHome home, NetworkLab lab, Path dir, Duration timeout) {
    String runId = dir.getFileName().toString();
    LabCluster cluster = new LabCluster(home, lab, dir, new ProcessReaper(runId));
    try {
      cluster.launchDaemons();
      cluster.awaitWorkers(timeout);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void launchDaemons() {
    Path logs = StandaloneCluster.createDirectories(dir.resolve("logs"));
    master =
        reaper.start(
            "master",
            inHost(
                0,
                StandaloneCluster.confine(
                    home.javaProcess(
                        DAEMON_HEAP,
                        DAEMON_OPTIONS,
                        "org.apache.spark.deploy.master.Master",
                        List.of(
                            "--host",
                            lab.address(0),
                            "--port",
                            Integer.toString(MASTER_PORT),
                            "--webui-port",
                            "8080")),
                    dir.resolve("master"))),
            logs.resolve("master.log"),
            logs.resolve("master.log"));
    for (int h = 1; h < lab.hosts(); h++) {
      String name = "worker-" + h;
      Path workerDir = dir.resolve(name);
      reaper.start(
          name,
          inHost(
              h,
              StandaloneCluster.confine(
                  home.javaProcess(
                      DAEMON_HEAP,
                      DAEMON_OPTIONS,
                      "org.apache.spark.deploy.worker.Worker",
                      List.of(
                          "--host",
                          lab.address(h),
                          "--port",
                          Integer.toString(WORKER_PORT),
                          "--webui-port",
                          "8081",
                          "--cores",
                          "1",
                          "--memory",
                          "1g",
                          "--work-dir",
                          StandaloneCluster.createDirectories(workerDir.resolve("work")).toString(),
                          masterUrl())),
                  workerDir)),
          logs.resolve(name + ".log"),
          logs.resolve(name + ".log"));
    }
  }

  /**
   * Runs the JVM of {@code builder} inside host {@code h}'s namespace, bound to its address: the
   * launcher script replaces {@code java} at the head of the command (the reaper and {@code
   * confine} insert options right after it).
   */
  private ProcessBuilder inHost(int h, ProcessBuilder builder) {
    Map<String, String> env = builder.environment();
    env.put("SPARKMLP_LAB_NETNS", lab.namespace(h));
    env.put("SPARKMLP_LAB_JAVA", builder.command().get(0));
    env.put("SPARK_LOCAL_IP", lab.address(h));
    builder.command().set(0, launcher.toString());
    return builder;
  }

  private static Path writeLauncher(Path dir) {
    Path script = StandaloneCluster.createDirectories(dir).resolve("in-netns.sh");
    try {
      Files.writeString(
          script,
          "#!/bin/sh\nexec ip netns exec \"$SPARKMLP_LAB_NETNS\" \"$SPARKMLP_LAB_JAVA\" \"$@\"\n");
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + script, e);
    }
  }

  /** Waits until every worker's registration is in the master's log. */
  private void awaitWorkers(Duration timeout) {
    int expected = lab.hosts() - 1;
    Instant deadline = Instant.now().plus(timeout);
    while (registeredWorkers() < expected) {
      if (!master.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "expected "
                + expected
                + " workers registered with "
                + masterUrl()
                + " within "
                + timeout
                + ", found "
                + registeredWorkers()
                + "\n"
                + master.tail(40));
      }
      StandaloneCluster.sleep(Duration.ofMillis(250));
    }
  }

  private int registeredWorkers() {
    return (int)
        ManagedProcess.read(master.stderrLog())
            .lines()
            .filter(l -> l.contains("Registering worker"))
            .count();
  }

  /** {@code spark://10.77.0.1:7077}. */
  public String masterUrl() {
    return "spark://" + lab.address(0) + ":" + MASTER_PORT;
  }

  public NetworkLab lab() {
    return lab;
  }

  /**
   * Starts an application's driver on host 0 in client mode; it waits for one executor per worker
   * before its first job, so partition p runs on its own host.
   */
  public Submission launch(SubmitRequest request) {
    String name = "submit-" + submissions.incrementAndGet();
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.driver.host", lab.address(0));
    conf.put("spark.driver.bindAddress", lab.address(0));
    conf.put("spark.executor.memory", "768m");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.cores.max", Integer.toString(lab.hosts() - 1));
    conf.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    conf.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
    UnaryOperator<ProcessBuilder> onHost0 = b -> inHost(0, b);
    return Submission.launch(
        home,
        reaper,
        SubmitTarget.client(masterUrl()),
        conf,
        new Submission.Place(
            StandaloneCluster.createDirectories(dir.resolve("logs")), dir.resolve(name)),
        name,
        request,
        onHost0);
  }

  /** Processes this cluster started or saw that are still alive; empty after {@link #close()}. */
  public List<ProcessHandle> survivors() {
    return reaper.survivors();
  }

  /** Ends drivers, executors, workers and master. Safe to call twice. */
  @Override
  public void close() {
    // Executors are the workers' children. They are found by their parents, not by the worker's
    // URL on their command line as StandaloneCluster does: every lab has the same addresses.
    for (ManagedProcess p : reaper.started()) {
      p.handle().descendants().forEach(reaper::remember);
    }
    reaper.close();
  }
}

package sparkmlp.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One application run through {@code org.apache.spark.deploy.SparkSubmit} in its own JVM. In client
 * deploy mode that JVM is the driver, so killing it is killing the driver; in YARN cluster mode it
 * only submits the application and waits for its final status (exit 0 if it SUCCEEDED, 1 if not).
 */
public final class Submission {

  private final ManagedProcess process;
  private final SubmitRequest request;
  private final Instant started;

  private Submission(ManagedProcess process, SubmitRequest request, Instant started) {
    this.process = process;
    this.request = request;
    this.started = started;
  }

  /**
   * Starts SparkSubmit against {@code target}, in {@code workDir}. {@code defaults} are {@code
   * --conf} settings the request's own override; stdout and stderr go to {@code NAME.out} and
   * {@code NAME.err} in {@code logs}.
   */
  static Submission launch(
      SparkHome home,
      ProcessReaper reaper,
      SubmitTarget target,
      Map<String, String> defaults,
      Path logs,
      Path workDir,
      String name,
      SubmitRequest request) {
    return launch(home, reaper, target, defaults, new Place(logs, workDir), name, request, b -> b);
  }

  /** Where a driver writes its logs and runs. */
  record Place(Path logs, Path workDir) {}

  /**
   * {@link #launch}, with {@code placement} applied to the driver's process before it starts (the
   * network lab runs it inside a namespace).
   */
  static Submission launch(
      SparkHome home,
      ProcessReaper reaper,
      SubmitTarget target,
      Map<String, String> defaults,
      Place place,
      String name,
      SubmitRequest request,
      UnaryOperator<ProcessBuilder> placement) {
    Path logs = place.logs();
    Path workDir = place.workDir();
    Map<String, String> conf = new LinkedHashMap<>(defaults);
    if (!request.jvmOptions().isEmpty()) {
      conf.put("spark.executor.defaultJavaOptions", String.join(" ", request.jvmOptions()));
    }
    conf.putAll(request.conf());
    if (target.clusterMode()) {
      // The driver is a YARN container: the request's heap and JVM options are for it, and the
      // SparkSubmit JVM below only submits and watches.
      conf.put("spark.driver.memory", request.driverHeap());
      if (!request.jvmOptions().isEmpty()) {
        conf.put("spark.driver.defaultJavaOptions", String.join(" ", request.jvmOptions()));
      }
      conf.putAll(request.conf());
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "--master", target.master(), "--deploy-mode", target.deployMode(), "--name", name));
    args.addAll(target.submitArgs());
    conf.forEach(
        (k, v) -> {
          args.add("--conf");
          args.add(k + "=" + v);
        });
    args.add("--class");
    args.add(request.mainClass());
    args.add(request.appJar().toString());
    args.addAll(request.args());
    ProcessBuilder builder =
        placement.apply(
            StandaloneCluster.confine(
                home.javaProcess(
                    target.clusterMode() ? "256m" : request.driverHeap(),
                    request.jvmOptions(),
                    "org.apache.spark.deploy.SparkSubmit",
                    args,
                    target.hadoopConfDir().stream().toList()),
                workDir));
    target
        .hadoopConfDir()
        .ifPresent(
            dir -> {
              builder.environment().put("HADOOP_CONF_DIR", dir.toString());
              builder.environment().put("YARN_CONF_DIR", dir.toString());
            });
    Instant started = Instant.now();
    ManagedProcess process =
        reaper.start(name, builder, logs.resolve(name + ".out"), logs.resolve(name + ".err"));
    return new Submission(process, request, started);
  }

  /** The name of this run, as in its logs and its Spark application name. */
  public String name() {
    return process.name();
  }

  /** The driver's JVM (the SparkSubmit process). */
  public ManagedProcess driver() {
    return process;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the driver has printed to stdout so far. */
  public String stdout() {
    return ManagedProcess.read(process.stdoutLog());
  }

  /** What the driver has printed to stderr so far. */
  public String stderr() {
    return ManagedProcess.read(process.stderrLog());
  }

  /**
   * Waits until {@code text} appears on the driver's stdout or stderr, e.g. a progress line after
   * which a fault test kills something.
   *
   * @throws IllegalStateException if the driver exits first or {@code timeout} passes, with the
   *     output's tail
   */
  public void awaitOutput(String text, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (stdout().contains(text) || stderr().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "driver exited before printing '" + text + "'\n" + result(false).summary());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "driver did not print '" + text + "' within " + timeout + "\n" + process.tail(40));
      }
      StandaloneCluster.sleep(Duration.ofMillis(200));
    }
  }

  /** Kills the driver JVM with SIGKILL, as a crash would, and returns its exit code (137). */
  public int killDriver() {
    process.kill();
    if (process.isAlive()) {
      throw new IllegalStateException("driver pid " + process.pid() + " survived SIGKILL for 30 s");
    }
    return process.exitCode();
  }

  /** Waits for the run to end within the request's timeout. */
  public SubmitResult await() {
    return await(request.timeout());
  }

  /** Waits for the run to end; past {@code timeout} the driver is killed and the result says so. */
  public SubmitResult await(Duration timeout) {
    boolean exited = process.awaitExit(timeout);
    if (!exited) {
      process.stopTree(Duration.ofSeconds(5));
    }
    SubmitResult result = result(!exited);
    System.out.printf(
        "[cluster] %s: exit %d after %d ms%s%n",
        name(),
        result.exitCode(),
        result.elapsed().toMillis(),
        result.timedOut() ? " (timed out)" : "");
    return result;
  }

  private SubmitResult result(boolean timedOut) {
    return new SubmitResult(
        name(),
        process.exitCode(),
        stdout(),
        stderr(),
        Duration.between(started, Instant.now()),
        timedOut);
  }
}

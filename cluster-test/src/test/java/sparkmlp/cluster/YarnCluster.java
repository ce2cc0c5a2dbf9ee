package sparkmlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YARN (a ResourceManager and two NodeManagers) with HDFS, all on 127.0.0.1 in the test JVM, and
 * applications submitted to it through {@code SparkSubmit --master yarn} from the assembled {@link
 * SparkHome}, in client or cluster deploy mode. Containers run the Spark jars of that home where
 * they lie ({@code spark.yarn.jars=local:...}), so nothing but the job jar is uploaded. {@link
 * #close()} ends every submission and container, then YARN and HDFS.
 */
public final class YarnCluster implements AutoCloseable {

  public static final int NODE_MANAGERS = 2;

  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
  private static final Pattern APP_ID = Pattern.compile("application_\\d+_\\d+");

  private final Path dir;
  private final SparkHome home;
  private final ProcessReaper reaper;
  private final AtomicInteger submissions = new AtomicInteger();
  private MiniHdfs hdfs;
  private MiniYarn yarn;

  private YarnCluster(Path dir, SparkHome home, ProcessReaper reaper) {
    this.dir = dir;
    this.home = home;
    this.reaper = reaper;
  }

  /** Starts HDFS, then YARN on it; what started is torn down if anything fails on the way. */
  public static YarnCluster start(String name) {
    String orphans = ProcessReaper.killOrphansOfEarlierRuns();
    if (!orphans.isEmpty()) {
      System.out.printf("[yarn] killed processes an earlier run left behind:%n%s", orphans);
    }
    String runId = name + "-" + LocalDateTime.now().format(RUN_STAMP);
    Path dir =
        Path.of(System.getProperty(TestCluster.WORK_DIR_PROPERTY, "target/cluster"))
            .toAbsolutePath()
            .resolve(runId);
    YarnCluster cluster = new YarnCluster(dir, SparkHome.fromBuild(), new ProcessReaper(runId));
    long startNanos = System.nanoTime();
    try {
      // YARN starts while HDFS does: the two take about as long, and neither needs the other yet.
      CompletableFuture<MiniYarn> yarn =
          CompletableFuture.supplyAsync(
              () -> MiniYarn.start(dir.resolve("yarn"), runId, NODE_MANAGERS));
      try {
        cluster.hdfs = MiniHdfs.start(dir.resolve("hdfs"));
      } finally {
        cluster.yarn = awaitYarn(yarn);
      }
      cluster.yarn.setDefaultFs(cluster.hdfs.uri());
      // Containers are started by the NodeManagers, not by the reaper: their command lines carry
      // their log folder, which lies under YARN's work folder.
      cluster.reaper.watchCommandLines(cluster.yarn.workDir().toString());
      System.out.printf(
          "[yarn] %s: HDFS at %s, YARN with %d NodeManagers up in %d ms; containers in %s%n",
          runId,
          cluster.hdfs.uri(),
          NODE_MANAGERS,
          (System.nanoTime() - startNanos) / 1_000_000,
          cluster.yarn.workDir());
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private static MiniYarn awaitYarn(CompletableFuture<MiniYarn> yarn) {
    try {
      return yarn.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  public MiniHdfs hdfs() {
    return hdfs;
  }

  /**
   * The {@code --conf} settings of every submission unless its request overrides them: driver on
   * loopback, two executors of 1 core and 512 MiB, one application attempt (a failed driver is not
   * run again unless a test asks), the Spark jars where they lie, and the JVM and OpenBLAS settings
   * of this test for every container.
   */
  public Map<String, String> defaultConf() {
    String javaHome = System.getProperty("java.home");
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.executor.memory", "512m");
    conf.put("spark.executor.instances", "2");
    conf.put("spark.executor.cores", "1");
    conf.put("spark.yarn.am.memory", "256m");
    conf.put("spark.yarn.maxAppAttempts", "1");
    conf.put("spark.yarn.jars", "local:" + home.jars().resolve("*"));
    conf.put("spark.yarn.appMasterEnv.JAVA_HOME", javaHome);
    conf.put("spark.executorEnv.JAVA_HOME", javaHome);
    conf.put("spark.yarn.appMasterEnv.SPARK_LOCAL_IP", "127.0.0.1");
    conf.put("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
    // This JVM's OpenBLAS settings for every container as well, as a standalone Worker's executors
    // inherit them: a YARN container gets only the variables it is given. Some machines pick the
    // BLAS kernel in the environment (OPENBLAS_CORETYPE=Haswell here on an AVX-512 CPU), and the
    // local[2] reference runs here with it; a container that picked its own kernel rounded 1,844
    // of digits' 4,810 weights 1 ulp differently.
    System.getenv()
        .forEach(
            (name, value) -> {
              if (name.startsWith("OPENBLAS_")) {
                conf.put("spark.yarn.appMasterEnv." + name, value);
                conf.put("spark.executorEnv." + name, value);
              }
            });
    conf.put("spark.yarn.appMasterEnv.OPENBLAS_NUM_THREADS", "1");
    conf.put("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.hadoop.dfs.replication", "1");
    return conf;
  }

  /**
   * Starts an application in {@code deployMode} ({@code client} or {@code cluster}) and returns at
   * once; {@code submitArgs} are extra SparkSubmit options such as {@code --files}.
   */
  public Submission launch(SubmitRequest request, String deployMode, String... submitArgs) {
    String simpleName = request.mainClass().substring(request.mainClass().lastIndexOf('.') + 1);
    String name = "submit-" + submissions.incrementAndGet() + "-" + deployMode + "-" + simpleName;
    SubmitTarget target =
        new SubmitTarget("yarn", deployMode, Optional.of(yarn.confDir()), List.of(submitArgs));
    return Submission.launch(
        home,
        reaper,
        target,
        defaultConf(),
        StandaloneCluster.createDirectories(dir.resolve("logs")),
        dir.resolve(name),
        name,
        request);
  }

  /** The YARN application id a submission printed ({@code Submitted application ...}). */
  public static String applicationId(String submitOutput) {
    Matcher m = APP_ID.matcher(submitOutput);
    if (!m.find()) {
      throw new IllegalStateException("no YARN application id in the output\n" + submitOutput);
    }
    return m.group();
  }

  /**
   * What the ApplicationMaster containers of {@code appId} wrote to {@code file} ({@code stdout} or
   * {@code stderr}), each headed by its container's id, attempt 1's first: in cluster mode the
   * driver's output ({@code container_..._01_000001} for attempt 1, {@code _02_000001} for 2).
   */
  public String driverLogs(String appId, String file) {
    List<Path> logs = new ArrayList<>();
    try {
      // the log folders only: a NodeManager deletes a finished application's local folders
      // (usercache/.../appcache) while this walks, and a walk through them once failed on one
      // that vanished
      Files.walkFileTree(
          yarn.workDir(),
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return dir.getFileName().toString().contains("-localDir-")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
              if (p.getFileName().toString().equals(file)
                  && p.getParent().getFileName().toString().endsWith("_000001")
                  && p.getParent().getParent().getFileName().toString().equals(appId)) {
                logs.add(p);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) {
              return FileVisitResult.CONTINUE; // gone meanwhile: not a log of the application
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the container logs in " + yarn.workDir(), e);
    }
    logs.sort((a, b) -> a.getParent().getFileName().compareTo(b.getParent().getFileName()));
    StringBuilder out = new StringBuilder();
    for (Path log : logs) {
      out.append("=== ").append(log.getParent().getFileName()).append('\n');
      out.append(ManagedProcess.read(log));
    }
    return out.toString();
  }

  /**
   * The JVM of {@code appId}'s running ApplicationMaster (in cluster mode, the driver), once there
   * is exactly one.
   */
  public ProcessHandle applicationMaster(String appId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      List<ProcessHandle> am =
          ProcessTrees.withCommandLineContaining("org.apache.spark.deploy.yarn.ApplicationMaster")
              .filter(p -> ProcessTrees.commandLine(p).contains(appId))
              // not the container's shell, whose command line holds the same java command
              .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
              .toList();
      if (am.size() == 1) {
        return am.get(0);
      }
      StandaloneCluster.sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        "no single ApplicationMaster JVM of " + appId + " within " + timeout);
  }

  /** Waits until a running submission has printed its YARN application id, and returns it. */
  public static String awaitApplicationId(Submission run, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = APP_ID.matcher(run.stderr() + run.stdout());
      if (m.find()) {
        return m.group();
      }
      StandaloneCluster.sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        "no YARN application id within "
            + timeout
            + "\n"
            + run.await(Duration.ofSeconds(1)).summary());
  }

  /** Processes started for the cluster, or in its containers, that are still alive. */
  public List<ProcessHandle> survivors() {
    return reaper.survivors();
  }

  /** Ends submissions and containers, then YARN, then HDFS. Safe to call twice. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (AutoCloseable part : new AutoCloseable[] {reaper, yarn, hdfs}) {
      try {
        if (part != null) {
          part.close();
        }
      } catch (Exception e) {
        failures.add(new IllegalStateException("cannot stop " + part, e));
      }
    }
    yarn = null;
    hdfs = null;
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}

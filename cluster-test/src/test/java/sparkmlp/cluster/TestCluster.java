package sparkmlp.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole test cluster: a Spark standalone master with two 1-core workers and HDFS, all on
 * 127.0.0.1, with logs and data under {@code target/cluster/RUN}. Applications go in through {@link
 * #submit} or {@link #launch}. {@link #close()} ends every process, whatever state the test left.
 */
public final class TestCluster implements AutoCloseable {

  /** System property the build sets to the folder for runs' logs and data. */
  public static final String WORK_DIR_PROPERTY = "sparkmlp.cluster.workDir";

  public static final int WORKERS = 2;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final DateTimeFormatter RUN_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final Path dir;
  private final SparkHome home;
  private final ProcessReaper reaper;
  private final AtomicInteger submissions = new AtomicInteger();
  private StandaloneCluster spark;
  private MiniHdfs hdfs;

  private TestCluster(Path dir, SparkHome home, ProcessReaper reaper) {
    this.dir = dir;
    this.home = home;
    this.reaper = reaper;
  }

  /**
   * Starts HDFS and the standalone cluster and waits until both workers have registered; if
   * anything fails on the way, what did start is torn down before the exception leaves.
   *
   * @param name names the run's folder, e.g. the test class's simple name
   */
  public static TestCluster start(String name) {
    String orphans = ProcessReaper.killOrphansOfEarlierRuns();
    if (!orphans.isEmpty()) {
      System.out.printf("[cluster] killed processes an earlier run left behind:%n%s", orphans);
    }
    String runId = name + "-" + LocalDateTime.now().format(RUN_STAMP);
    Path dir =
        Path.of(System.getProperty(WORK_DIR_PROPERTY, "target/cluster"))
            .toAbsolutePath()
            .resolve(runId);
    TestCluster cluster = new TestCluster(dir, SparkHome.fromBuild(), new ProcessReaper(runId));
    long startNanos = System.nanoTime();
    try {
      // The Spark JVMs boot while HDFS starts in this one; two cores make that overlap worth
      // having.
      cluster.spark =
          StandaloneCluster.launch(cluster.home, cluster.reaper, dir.resolve("spark"), WORKERS);
      cluster.hdfs = MiniHdfs.start(dir.resolve("hdfs"));
      cluster.spark.awaitWorkers(WORKERS, START_TIMEOUT);
      System.out.printf(
          "[cluster] %s: HDFS at %s, master at %s, %d workers, up in %d ms; logs in %s%n",
          runId,
          cluster.hdfs.uri(),
          cluster.spark.masterUrl(),
          WORKERS,
          (System.nanoTime() - startNanos) / 1_000_000,
          dir.resolve("spark").resolve("logs"));
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * The run's folder: {@code spark/logs} has the master's, workers' and drivers' logs, {@code
   * spark/worker-N/work/APP/EXECUTOR/stderr} each executor's, {@code hdfs} HDFS's storage.
   */
  public Path dir() {
    return dir;
  }

  public SparkHome home() {
    return home;
  }

  /** The master and workers, and the executor JVMs below them. */
  public StandaloneCluster spark() {
    return spark;
  }

  public MiniHdfs hdfs() {
    return hdfs;
  }

  /** Every process the cluster has started. */
  public ProcessReaper reaper() {
    return reaper;
  }

  /**
   * The {@code --conf} settings every submission gets unless its request overrides them: driver on
   * loopback, 512 MiB executors, no driver UI, and replication 1 for the single DataNode. The
   * request's JVM options reach the executors as {@code spark.executor.defaultJavaOptions}.
   */
  public Map<String, String> defaultConf() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.executor.memory", "512m");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.hadoop.dfs.replication", "1");
    return conf;
  }

  /**
   * Starts an application and returns at once; the caller awaits, watches or kills it. The driver
   * runs in {@code spark/submit-N-MainClass/} of the run's folder: give the application absolute
   * paths.
   */
  public Submission launch(SubmitRequest request) {
    String simpleName = request.mainClass().substring(request.mainClass().lastIndexOf('.') + 1);
    String name = "submit-" + submissions.incrementAndGet() + "-" + simpleName;
    Path sparkDir = dir.resolve("spark");
    return Submission.launch(
        home,
        reaper,
        SubmitTarget.client(spark.masterUrl()),
        defaultConf(),
        StandaloneCluster.createDirectories(sparkDir.resolve("logs")),
        sparkDir.resolve(name),
        name,
        request);
  }

  /** Runs an application to its end (or its timeout) and returns how it ended. */
  public SubmitResult submit(SubmitRequest request) {
    return launch(request).await();
  }

  /** Processes the cluster started or saw that are still alive; empty after {@link #close()}. */
  public List<ProcessHandle> survivors() {
    return reaper.survivors();
  }

  /** The tail of every daemon's log, for failure messages. */
  public String diagnostics() {
    return spark == null ? "(standalone cluster not started)" : spark.diagnostics();
  }

  /** Ends drivers, executors, workers and master, then HDFS. Safe to call twice. */
  @Override
  public void close() {
    try {
      reaper.close();
    } finally {
      if (hdfs != null) {
        hdfs.close();
        hdfs = null;
      }
    }
  }
}

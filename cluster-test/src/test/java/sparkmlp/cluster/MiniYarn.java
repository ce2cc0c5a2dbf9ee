package sparkmlp.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * YARN on 127.0.0.1: a ResourceManager and NodeManagers of Hadoop's {@code MiniYARNCluster}, in the
 * test JVM (from {@code hadoop-client-minicluster}, like {@link MiniHdfs}). Containers are
 * processes the NodeManagers start below this JVM, with their working folders and logs under the
 * cluster's folder. {@link #confDir()} holds the {@code yarn-site.xml} and {@code core-site.xml} a
 * client needs.
 */
public final class MiniYarn implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final MiniYARNCluster cluster;
  private final Path confDir;

  private MiniYarn(MiniYARNCluster cluster, Path confDir) {
    this.cluster = cluster;
    this.confDir = confDir;
  }

  /**
   * Starts a ResourceManager and {@code nodeManagers} NodeManagers of 2 vcores and 6 GiB each (YARN
   * counts about 2.4 GiB for a client-mode run's three containers, and a test runs three at once
   * beside a cluster-mode one; vcores are not counted), and writes their configuration to {@code
   * dir/conf/yarn-site.xml}; {@link #setDefaultFs} adds the {@code core-site.xml}. Container memory
   * is not policed (the JVMs' virtual memory exceeds any sane limit), and no disk is ever too full.
   *
   * @param name names the cluster's folder under the module's {@code target/}
   */
  public static MiniYarn start(Path dir, String name, int nodeManagers) {
    YarnConfiguration conf = new YarnConfiguration();
    conf.set("yarn.resourcemanager.hostname", "127.0.0.1");
    conf.set("yarn.nodemanager.hostname", "127.0.0.1");
    conf.setInt("yarn.nodemanager.resource.memory-mb", 6144);
    conf.setInt("yarn.nodemanager.resource.cpu-vcores", 2);
    conf.setInt("yarn.scheduler.minimum-allocation-mb", 128);
    conf.setInt("yarn.scheduler.maximum-allocation-mb", 3072);
    conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
    conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
    conf.set(
        "yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    // The capacity scheduler's one queue (a real cluster has these in capacity-scheduler.xml); the
    // ApplicationMasters may take all of it, since two run at once when a test overlaps runs.
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    conf.set("yarn.scheduler.capacity.root.default.user-limit-factor", "1");
    conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
    conf.set("yarn.scheduler.capacity.node-locality-delay", "-1");
    // A driver restart (spark.yarn.maxAppAttempts = 2) needs the ResourceManager to allow it.
    conf.setInt("yarn.resourcemanager.am.max-attempts", 2);
    MiniYARNCluster yarn = new MiniYARNCluster(name, nodeManagers, 1, 1);
    try {
      yarn.init(conf);
      yarn.start();
      awaitAddress(yarn);
      Path confDir = StandaloneCluster.createDirectories(dir.resolve("conf"));
      Configuration site = new Configuration(yarn.getConfig());
      // Left to core-site.xml (setDefaultFs): yarn-site.xml is read after it, and the default
      // file:/// written here would win.
      site.unset("fs.defaultFS");
      try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
        site.writeXml(out);
      }
      return new MiniYarn(yarn, confDir);
    } catch (IOException | RuntimeException e) {
      yarn.stop();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("YARN did not start in " + dir, io);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * The ResourceManager's address is known only once its service has bound (MiniYARNCluster's start
   * may return before it writes the port into its configuration).
   */
  private static void awaitAddress(MiniYARNCluster yarn) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, ":0").endsWith(":0")) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the ResourceManager has no address after " + deadline);
      }
      StandaloneCluster.sleep(Duration.ofMillis(100));
    }
  }

  /**
   * Writes {@code core-site.xml} naming {@code defaultFs} (HDFS) as the file system of clients and
   * applications: where SparkSubmit stages the application, and what {@code hdfs:///path} means
   * (mlp reads {@code --config hdfs:///...} through a plain Hadoop {@code Configuration}).
   */
  public void setDefaultFs(String defaultFs) {
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", defaultFs);
    try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
      core.writeXml(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + confDir.resolve("core-site.xml"), e);
    }
  }

  /** The folder with {@code yarn-site.xml}: HADOOP_CONF_DIR and YARN_CONF_DIR of a client. */
  public Path confDir() {
    return confDir;
  }

  /** The configuration a client of this cluster uses. */
  public Configuration config() {
    return cluster.getConfig();
  }

  /** The folder of the NodeManagers' local and log folders (the containers' work and logs). */
  public Path workDir() {
    return cluster.getTestWorkDir().toPath().toAbsolutePath();
  }

  /** Stops the NodeManagers (which kill their containers) and the ResourceManager. */
  @Override
  public void close() {
    cluster.stop();
  }
}

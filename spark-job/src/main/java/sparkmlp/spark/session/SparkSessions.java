package sparkmlp.spark.session;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import sparkmlp.spark.config.SparkSettings;

/**
 * The Spark session a command runs in. Without a master from the command line, the config, or
 * spark-submit, it runs in-process on {@code local[*]} bound to loopback.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Creates (or joins) the session; {@code masterOverride} from --master wins over everything. */
  public static SparkSession create(SparkSettings settings, String masterOverride) {
    SparkConf conf = conf(settings, masterOverride);
    // A task that meets bad input fails on purpose and the command reports it in one line; Spark's
    // per-attempt WARN (with the executor's stack trace) would only repeat it. Real task losses
    // still log at ERROR.
    org.apache.logging.log4j.core.config.Configurator.setLevel(
        "org.apache.spark.scheduler.TaskSetManager", org.apache.logging.log4j.Level.ERROR);
    boolean existed =
        SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
    SparkSession session = SparkSession.builder().config(conf).getOrCreate();
    if (!existed) {
      CREATED.add(session);
    }
    return session;
  }

  /**
   * The settings a new session gets: spark-submit's (system properties), then the job's defaults
   * where those leave a key unset, then {@code mlp.spark.conf}, which wins.
   */
  static SparkConf conf(SparkSettings settings, String masterOverride) {
    SparkConf conf = new SparkConf();
    String master =
        masterOverride != null
            ? masterOverride
            : settings.master() != null ? settings.master() : conf.get("spark.master", "local[*]");
    conf.setMaster(master);
    conf.setIfMissing("spark.app.name", settings.appName());
    if (master.startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    // A step's gradient (8 bytes a parameter) comes back as a direct task result, not through the
    // block manager: one round trip less per step (measured in bench/, see docs/benchmarks.md).
    conf.setIfMissing("spark.task.maxDirectResultSize", "100m");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // Weights are random doubles: LZ4 cannot shrink them and costs time on every step's broadcast
    // (bin/bench, local[2], batch 1024: 4.4 s an epoch without compression, 5.0 s with).
    conf.setIfMissing("spark.broadcast.compress", "false");
    // The cached training blocks are built by a shuffle's reduce side. With reduce locality on, its
    // tasks prefer the executors holding most of the map output (all of it, for a file read in
    // one split), so several partitions are cached on one executor; each epoch's barrier stage of
    // the resident engines then cannot place its tasks by their cached data, waits out
    // spark.locality.wait at two levels (6 s an epoch by default) and moves tasks to other
    // executors, which fetch their blocks remotely and need the weights sent again (network lab,
    // k = 8: 557 ms a step before, 185 ms after; docs/scaling.md).
    conf.setIfMissing("spark.shuffle.reduceLocality.enabled", "false");
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return conf;
  }

  /**
   * Stops the session if {@link #create} started it; one that was already running (a test's) stays
   * up.
   */
  public static void release(SparkSession session) {
    if (CREATED.remove(session)) {
      session.stop();
    }
  }

  private static final java.util.Set<SparkSession> CREATED =
      java.util.Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<>());
}

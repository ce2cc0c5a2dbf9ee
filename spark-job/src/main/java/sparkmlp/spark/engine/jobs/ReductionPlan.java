package sparkmlp.spark.engine.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import sparkmlp.core.format.Json;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.TrainSettings.Reduction;

/**
 * Which reduction a run's steps use, and why. {@code auto} takes the direct path only while k
 * partitions of P parameters send at most {@link #DIRECT_MAX_BYTES} to the driver per step (k·P·8
 * bytes: the driver holds them all at once, serialised and not), and, on a cluster, only while the
 * 10 Gbit/s cost model of docs/scaling.md says direct is the cheaper one: (k − {@link
 * #CLUSTER_K0})·P·8 ≤ {@link #CLUSTER_SLACK_BYTES}. On a local master every task shares the
 * driver's cores and no link is involved, and direct measured faster at every size that fits
 * (bin/bench --scaling). The sharded path cuts the gradient into S = max(executor cores, k·P·8 /
 * {@link #SHARD_TASK_BYTES}) shards, so a reduce task holds at most about that many bytes.
 *
 * @param path {@link Reduction#DIRECT} or {@link Reduction#SHARDED}
 * @param shards S for the sharded path, else 0
 * @param driverBytesPerStep gradient bytes the driver receives per step
 * @param reason why this path, in words
 */
public record ReductionPlan(Reduction path, int shards, long driverBytesPerStep, String reason) {
  /** Largest k·P·8 (bytes to the driver per step) that {@code auto} sends the direct way. */
  public static final long DIRECT_MAX_BYTES = 64L << 20;

  /**
   * Cluster crossover (docs/scaling.md): direct costs k·P·8 bytes on the driver's link and CPU
   * (about 1.4 ns a byte at 10 Gbit/s), sharded a second stage (~5 ms) and about 5.5 ns a byte of
   * P·8 per executor, independent of k: direct wins while (k − 4)·P·8 ≤ 4 MiB.
   */
  static final int CLUSTER_K0 = 4;

  /** See {@link #CLUSTER_K0}. */
  static final long CLUSTER_SLACK_BYTES = 4L << 20;

  /** What one reduce task of the sharded path should hold at most: k slices of P·8/S bytes. */
  static final long SHARD_TASK_BYTES = 64L << 20;

  private static final String MAX_RESULT = "spark.driver.maxResultSize";

  /**
   * The plan for {@code partitions} partitions of a network of {@code numParams} parameters, with
   * {@code cores} executor cores, the driver's {@code spark.driver.maxResultSize} (0 = no limit),
   * on a local master or a cluster. A configuration that cannot run gets one error naming the limit
   * and the setting.
   */
  public static ReductionPlan choose(
      Reduction setting,
      int partitions,
      int numParams,
      int cores,
      long maxResultSize,
      boolean localMaster) {
    long gradient = 8L * numParams;
    long direct = gradient * partitions;
    long limit = maxResultSize <= 0 ? Long.MAX_VALUE : maxResultSize;
    checkResultSize(setting, partitions, numParams, maxResultSize, limit);
    long directCap = Math.min(DIRECT_MAX_BYTES, limit / 2);
    boolean fits = direct <= directCap;
    long clusterExcess = (long) (partitions - CLUSTER_K0) * gradient;
    boolean cheaper = localMaster || clusterExcess <= CLUSTER_SLACK_BYTES;
    if (setting == Reduction.DIRECT
        || (setting == Reduction.AUTO && ((fits && cheaper) || partitions == 1))) {
      String why =
          setting == Reduction.DIRECT
              ? "mlp.train.reduction=direct"
              : partitions == 1
                  ? "auto: one partition"
                  : directReason(partitions, numParams, direct, directCap, localMaster);
      return new ReductionPlan(Reduction.DIRECT, 0, direct, why);
    }
    long bySize = (direct + SHARD_TASK_BYTES - 1) / SHARD_TASK_BYTES;
    int shards = (int) Math.min(numParams, Math.min(4096, Math.max(Math.max(1, cores), bySize)));
    String why;
    if (setting == Reduction.SHARDED) {
      why = "mlp.train.reduction=sharded";
    } else if (!fits) {
      why =
          String.format(
              Locale.ROOT,
              "auto: %d partitions x 8 B x %,d parameters = %s > %s",
              partitions,
              numParams,
              mib(direct),
              mib(directCap));
    } else {
      why =
          String.format(
              Locale.ROOT,
              "auto: on a cluster, (k - %d) x P x 8 B = %s > %s",
              CLUSTER_K0,
              mib(clusterExcess),
              mib(CLUSTER_SLACK_BYTES));
    }
    return new ReductionPlan(Reduction.SHARDED, shards, gradient, why);
  }

  /**
   * Refuses, naming the setting, a network whose one gradient is above {@code
   * spark.driver.maxResultSize}, or {@code reduction = direct} when the partitions' sums are.
   */
  private static void checkResultSize(
      Reduction setting, int partitions, int numParams, long maxResultSize, long limit) {
    long gradient = 8L * numParams;
    long direct = gradient * partitions;
    if (gradient > limit) {
      throw new InvalidConfigException(
          String.format(
              Locale.ROOT,
              "a network of %,d parameters returns %s to the driver every step, above %s = %s;"
                  + " raise it with --set spark.conf.\"%s\"=... or use a smaller network",
              numParams,
              mib(gradient),
              MAX_RESULT,
              mib(maxResultSize),
              MAX_RESULT));
    }
    if (setting == Reduction.DIRECT && direct > limit) {
      throw new InvalidConfigException(
          String.format(
              Locale.ROOT,
              "config key 'mlp.train.reduction' is direct: %d partitions x %,d parameters x 8 B ="
                  + " %s to the driver every step, above %s = %s; use reduction=sharded (or"
                  + " auto), fewer partitions, or raise %s",
              partitions,
              numParams,
              mib(direct),
              MAX_RESULT,
              mib(maxResultSize),
              MAX_RESULT));
    }
  }

  /** Why {@code auto} chose the direct path for several partitions. */
  private static String directReason(
      int partitions, int numParams, long direct, long directCap, boolean localMaster) {
    return String.format(
        Locale.ROOT,
        "auto: %d partitions x 8 B x %,d parameters = %s <= %s%s",
        partitions,
        numParams,
        mib(direct),
        mib(directCap),
        localMaster
            ? " on a local master"
            : String.format(
                Locale.ROOT, ", (k - %d) x P x 8 B <= %s", CLUSTER_K0, mib(CLUSTER_SLACK_BYTES)));
  }

  /** The plan as recorded in {@code summary.json}. */
  public ObjectNode toJson() {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("path", path.id());
    if (path == Reduction.SHARDED) {
      n.put("shards", shards);
    }
    n.put("driver_bytes_per_step", driverBytesPerStep);
    n.put("reason", reason);
    return n;
  }

  public static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}

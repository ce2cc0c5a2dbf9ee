package sparkmlp.spark.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import sparkmlp.core.format.Json;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.TrainSettings.Reduction;

/**
 * Which reduction a run's steps use, and why. {@code auto} takes the direct path while k partitions
 * of P parameters send at most {@link #DIRECT_MAX_BYTES} to the driver per step (k·P·8 bytes), the
 * sharded one above (bin/bench --scaling, docs/scaling.md). The sharded path cuts the gradient into
 * S = max(executor cores, k·P·8 / {@link #SHARD_TASK_BYTES}) shards, so a reduce task holds at most
 * about that many bytes of slices.
 *
 * @param path {@link Reduction#DIRECT} or {@link Reduction#SHARDED}
 * @param shards S for the sharded path, else 0
 * @param driverBytesPerStep gradient bytes the driver receives per step
 * @param reason why this path, in words
 */
public record ReductionPlan(Reduction path, int shards, long driverBytesPerStep, String reason) {
  /** Largest k·P·8 (bytes to the driver per step) that {@code auto} sends the direct way. */
  public static final long DIRECT_MAX_BYTES = 64L << 20;

  /** What one reduce task of the sharded path should hold at most: k slices of P·8/S bytes. */
  static final long SHARD_TASK_BYTES = 64L << 20;

  private static final String MAX_RESULT = "spark.driver.maxResultSize";

  /**
   * The plan for {@code partitions} partitions of a network of {@code numParams} parameters, with
   * {@code cores} executor cores and the driver's {@code spark.driver.maxResultSize} (0 = no
   * limit). A configuration that cannot run gets one error naming the limit and the setting.
   */
  public static ReductionPlan choose(
      Reduction setting, int partitions, int numParams, int cores, long maxResultSize) {
    long gradient = 8L * numParams;
    long direct = gradient * partitions;
    long limit = maxResultSize <= 0 ? Long.MAX_VALUE : maxResultSize;
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
    boolean small = direct <= DIRECT_MAX_BYTES && direct <= limit / 2;
    if (setting == Reduction.DIRECT || (setting == Reduction.AUTO && (small || partitions == 1))) {
      String why =
          setting == Reduction.DIRECT
              ? "mlp.train.reduction=direct"
              : partitions == 1
                  ? "auto: one partition"
                  : String.format(
                      Locale.ROOT,
                      "auto: %d partitions x 8 B x %,d parameters = %s <= %s",
                      partitions,
                      numParams,
                      mib(direct),
                      mib(DIRECT_MAX_BYTES));
      return new ReductionPlan(Reduction.DIRECT, 0, direct, why);
    }
    long bySize = (direct + SHARD_TASK_BYTES - 1) / SHARD_TASK_BYTES;
    int shards = (int) Math.min(numParams, Math.min(4096, Math.max(Math.max(1, cores), bySize)));
    String why =
        setting == Reduction.SHARDED
            ? "mlp.train.reduction=sharded"
            : String.format(
                Locale.ROOT,
                "auto: %d partitions x 8 B x %,d parameters = %s > %s",
                partitions,
                numParams,
                mib(direct),
                mib(Math.min(DIRECT_MAX_BYTES, limit / 2)));
    return new ReductionPlan(Reduction.SHARDED, shards, gradient, why);
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

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}

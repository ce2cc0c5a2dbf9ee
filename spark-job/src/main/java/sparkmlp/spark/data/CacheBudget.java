package sparkmlp.spark.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.BlockManagerId;
import sparkmlp.spark.io.InputException;

/**
 * Refuses, before reading the data a second time, training blocks that cannot fit in the storage
 * memory of the executors: an {@link OutOfMemoryError}, or a cache that silently drops blocks and
 * reads the data again every step, would be all the user saw otherwise. Counted rows × features
 * give the cache's size exactly; what the executors can hold is Spark's own storage figure (the
 * unified region, less what is already cached).
 */
final class CacheBudget {
  private static final double MIB = 1 << 20;

  private CacheBudget() {}

  /** Bytes one cached training example takes: features, targets and its rank. */
  static long bytesPerExample(int nf, int targetRows, boolean floats) {
    return (long) nf * (floats ? 4 : 8) + 8L * targetRows + 8;
  }

  /**
   * Checks blocks of {@code numTrain} examples in {@code partitions} partitions against the free
   * storage memory of each executor ({@code free}, bytes; empty when none is known yet). With
   * dynamic allocation ({@code growable}) more executors may come, so only a partition too large
   * for any executor is refused.
   */
  static void check(
      long numTrain,
      int nf,
      int targetRows,
      boolean floats,
      int partitions,
      long[] free,
      boolean growable) {
    if (free.length == 0) {
      return;
    }
    long per = bytesPerExample(nf, targetRows, floats);
    long total = numTrain * per;
    long all = 0;
    long most = 0;
    for (long f : free) {
      all += f;
      most = Math.max(most, f);
    }
    String data = numTrain + " examples × " + nf + " features as " + (floats ? "float" : "double");
    if (total > all && !growable) {
      throw new InputException(
          String.format(
              "the training blocks need %.0f MiB of cache (%s), more than the %.0f MiB of storage"
                  + " memory free on %d executor(s); use mlp.data.storage=float, more executors"
                  + " or a larger spark.executor.memory (spark.driver.memory on a local master)",
              total / MIB, data, all / MIB, free.length));
    }
    long largest = TrainBlocks.sizeOf(0, numTrain, partitions) * per;
    if (largest > most) {
      throw new InputException(
          String.format(
              "one training partition needs %.0f MiB of cache (%s in %d partitions), more than"
                  + " the %.0f MiB of storage memory free on any executor; raise"
                  + " mlp.data.partitions or spark.executor.memory",
              largest / MIB, data, partitions, most / MIB));
    }
  }

  /**
   * Free on-heap storage memory of each executor; the driver's only on a local master, where it is
   * the one executor.
   */
  static long[] freeStorage(JavaSparkContext jsc) {
    SparkExecutorInfo[] infos = jsc.sc().statusTracker().getExecutorInfos();
    boolean local = jsc.sc().isLocal();
    BlockManagerId driver = local ? null : SparkEnv.get().blockManager().blockManagerId();
    List<Long> free = new ArrayList<>();
    for (SparkExecutorInfo e : infos) {
      if (driver != null && e.host().equals(driver.host()) && e.port() == driver.port()) {
        continue;
      }
      free.add(Math.max(0, e.totalOnHeapStorageMemory() - e.usedOnHeapStorageMemory()));
    }
    return free.stream().mapToLong(Long::longValue).toArray();
  }

  /** Whether executors may be added while the job runs (dynamic allocation). */
  static boolean growable(JavaSparkContext jsc) {
    return jsc.getConf().getBoolean("spark.dynamicAllocation.enabled", false);
  }
}

package sparkmlp.spark.data;

import java.util.ArrayDeque;
import sparkmlp.core.train.GradientSum;

/**
 * The executor's spare gradient buffers, shared by its tasks. A task takes one for its partition's
 * sum and gives it back once Spark no longer reads it (its result serialised, its shuffle output
 * written), so a speculative or zombie attempt of the same partition never writes into a buffer
 * another attempt is still sending. One per running task, not one per cached partition: 64
 * partitions of a 4 M-parameter network on two cores hold two or three 32 MB buffers, not 64.
 */
public final class GradientBuffers {
  /** Spare buffers kept; more tasks than this at once allocate and the extras are dropped. */
  private static final int MAX_SPARE = 4;

  /**
   * Static on purpose, the one mutable static left outside the engines: the pool must be shared by
   * every task an executor JVM runs, and Spark offers Java code no executor-scoped object to hang
   * it on (SparkEnv is internal). Held per task or per cached partition instead, it would keep one
   * gradient-sized buffer per partition or allocate one per step, which is what it exists to avoid.
   * It holds only zeroed-on-acquire buffers, so no result depends on what it held before.
   */
  private static final ArrayDeque<GradientSum> SPARE = new ArrayDeque<>();

  private GradientBuffers() {}

  /** A zeroed sum of {@code numParams} values that no one else holds. */
  public static GradientSum acquire(int numParams) {
    synchronized (SPARE) {
      while (!SPARE.isEmpty()) {
        GradientSum s = SPARE.pop();
        if (s.grad().length == numParams) {
          return s.reset();
        }
      }
    }
    return GradientSum.zero(numParams);
  }

  /** Gives a buffer back; the caller must not touch it afterwards. */
  public static void release(GradientSum sum) {
    synchronized (SPARE) {
      if (SPARE.size() < MAX_SPARE && !SPARE.contains(sum)) {
        SPARE.push(sum);
      }
    }
  }
}

package sparkmlp.spark.engine.peer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an executor's peer tasks keep between one epoch's barrier stage and the next: each
 * partition's {@link PeerShard} (its whole weight vector, its chunks' master weights and optimiser
 * state) as the epoch's last step left it. When the next epoch's task of that partition runs on the
 * same executor and the driver finds the kept state equal to its own copy (same optimiser step
 * count and fingerprint of its chunks), it sends nothing instead of the whole weight vector: the
 * driver's link then carries no weight-sized message from one epoch to the next.
 *
 * <p>Static, as {@code GradientBuffers.SPARE} is: tasks of successive stages share only the
 * executor's JVM, and Spark's public API has no executor-scoped object to hold it. It holds one run
 * at a time (a shard of another run evicts every shard of the run before) and at most one shard a
 * partition, the newest; a task takes its shard out, so a failed attempt never leaves one that
 * looks current.
 */
final class KeptShards {
  private static final Map<Key, PeerShard> KEPT = new ConcurrentHashMap<>();

  private KeptShards() {}

  /** A partition of a run (the run's token). */
  record Key(long tokenHigh, long tokenLow, int partition) {
    boolean sameRun(Key other) {
      return other.tokenHigh == tokenHigh && other.tokenLow == tokenLow;
    }
  }

  /** Keeps {@code shard} for the next epoch's task of its partition. */
  static void keep(Key key, PeerShard shard) {
    KEPT.keySet().removeIf(k -> !k.sameRun(key));
    KEPT.put(key, shard);
  }

  /** The partition's kept shard, taken out, or null. */
  static PeerShard take(Key key) {
    return KEPT.remove(key);
  }
}

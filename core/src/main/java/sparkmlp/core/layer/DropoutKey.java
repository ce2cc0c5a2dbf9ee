package sparkmlp.core.layer;

import sparkmlp.core.data.Seeds;

/**
 * What a training pass's dropout masks derive from: the run's seed, the epoch and, for each column
 * of the batch, the example's global rank. Unit u of layer l in column j is kept when a uniform
 * number hashed from (seed, epoch, rank_j, l, u) is at least the rate; nothing depends on which
 * partition or task computes it.
 *
 * @param ranks the global rank of each batch column, at least as many as the batch
 */
public record DropoutKey(long seed, int epoch, long[] ranks) {
  /** Separates the dropout stream from the other streams derived from the same seed. */
  private static final long PURPOSE = 0x64726f706f7574L; // "dropout"

  /** The seed of column j's mask in topology layer {@code layer}. */
  long columnSeed(int column, int layer) {
    long base = Seeds.mix64(Seeds.mix64(seed ^ PURPOSE) + epoch);
    return Seeds.mix64(Seeds.mix64(base ^ ranks[column]) + layer);
  }

  /** A uniform number in [0, 1) for unit u of a column with seed {@code columnSeed}. */
  static double uniform(long columnSeed, int unit) {
    return (Seeds.mix64(columnSeed + (unit + 1) * 0x9e3779b97f4a7c15L) >>> 11) * 0x1.0p-53;
  }
}

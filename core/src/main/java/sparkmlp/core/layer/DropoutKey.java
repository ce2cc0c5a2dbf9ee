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

  /**
   * All ones (−1) when unit u of a column with seed {@code columnSeed} is kept, else 0, with no
   * branch: the unit's uniform number in [0, 1) is U = (mix64(columnSeed + (u + 1)·φ) ⋙ 11) · 2⁻⁵³,
   * and it is kept when U ≥ rate, that is when the 53-bit integer is at least {@link
   * #threshold(double) threshold(rate)} (U is that integer scaled by a power of two, exactly).
   */
  static long keep(long columnSeed, int unit, long threshold) {
    long u = Seeds.mix64(columnSeed + (unit + 1) * 0x9e3779b97f4a7c15L) >>> 11;
    return (threshold - 1 - u) >> 63;
  }

  /** The least 53-bit integer whose uniform number is at least {@code rate} (rate in [0, 1)). */
  static long threshold(double rate) {
    return (long) Math.ceil(rate * 0x1.0p53);
  }
}

package sparkmlp.spark.engine.peer;

/**
 * A fingerprint of a task's shards of the state, bit for bit: the optimiser's step count, then
 * values mixed one at a time in the order they are given (FNV-style, with a shift to spread high
 * bits). The driver mixes ranges of its whole vectors and the task its own arrays, in the same
 * order, so equal states give equal fingerprints.
 */
final class Fingerprint {
  private long h;

  Fingerprint(long steps) {
    h = steps * 0x9E3779B97F4A7C15L;
  }

  /** Mixes {@code values[from .. from + length)} in. */
  Fingerprint mix(double[] values, int from, int length) {
    for (int i = from; i < from + length; i++) {
      h = (h ^ Double.doubleToRawLongBits(values[i])) * 0x100000001B3L;
      h ^= h >>> 29;
    }
    return this;
  }

  long value() {
    return h;
  }
}

package sparkmlp.core.data;

/**
 * A seeded pseudo-random permutation of [0, n) for one epoch, computed per element in O(1) time and
 * memory: a balanced Feistel network over the smallest even power of two ≥ n, with cycle-walking
 * back into range (Black and Rogaway 2002). Position π(i) of example i decides its mini-batch: step
 * ⌊π(i) / batchSize⌋. Because π depends only on (seed, epoch, n, i), every partitioning of the data
 * agrees on every batch.
 */
public final class EpochPermutation {
  private static final int ROUNDS = 6;

  private final long n;
  private final int halfBits;
  private final long halfMask;
  private final long[] roundKeys = new long[ROUNDS];

  public EpochPermutation(long seed, long epoch, long n) {
    if (n < 1) {
      throw new IllegalArgumentException("a permutation needs at least one element, found " + n);
    }
    this.n = n;
    int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
    this.halfBits = Math.max(1, (bits + 1) / 2);
    this.halfMask = (1L << halfBits) - 1;
    for (int r = 0; r < ROUNDS; r++) {
      roundKeys[r] = Seeds.mix(seed, 0x5eed_ba7cL, epoch, r);
    }
  }

  public long size() {
    return n;
  }

  /** π(i) for i in [0, n). */
  public long position(long i) {
    if (i < 0 || i >= n) {
      throw new IllegalArgumentException("index must be in [0, " + n + "), found " + i);
    }
    long x = i;
    do {
      x = encrypt(x);
    } while (x >= n);
    return x;
  }

  private long encrypt(long x) {
    long left = x >>> halfBits;
    long right = x & halfMask;
    for (int r = 0; r < ROUNDS; r++) {
      long f = Seeds.mix64(right ^ roundKeys[r]) & halfMask;
      long t = right;
      right = left ^ f;
      left = t;
    }
    return (left << halfBits) | right;
  }
}

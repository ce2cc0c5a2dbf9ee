package sparkmlp.core.data;

/**
 * The seeded hold-out rule shared by the reference trainer and the Spark job: of n examples, the
 * ⌊fraction·n⌋ whose position in the permutation of stream −1 comes first are held out for
 * validation, and every other example's training rank is its position minus that count, a dense
 * range [0, n − held out) that the batch rule keys on. It depends only on (seed, n, index), never
 * on partitioning.
 */
public final class ValidationSplit {
  /** The permutation stream of the split; epochs use 0, 1, 2, … */
  public static final int STREAM = -1;

  private final EpochPermutation permutation;
  private final long held;

  public ValidationSplit(long seed, long n, double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be in [0, 1), found " + fraction);
    }
    this.permutation = new EpochPermutation(seed, STREAM, n);
    this.held = (long) Math.floor(fraction * n);
  }

  /** Examples held out. */
  public long heldOut() {
    return held;
  }

  /** The training rank of example {@code index}, or −1 when it is held out for validation. */
  public long rank(long index) {
    long pos = held == 0 ? index : permutation.position(index);
    return pos < held ? -1 : pos - held;
  }

  /**
   * Splits an in-memory block (ranks = indices 0..n−1) into {training, validation}; validation is
   * null when empty.
   */
  public static DataBlock[] split(DataBlock all, double fraction, long seed) {
    ValidationSplit s = new ValidationSplit(seed, all.size(), fraction);
    int n = all.size();
    int nVal = (int) s.heldOut();
    int nf = all.numFeatures();
    int tr = all.targetRows();
    double[] xt = new double[(n - nVal) * nf];
    double[] yt = new double[(n - nVal) * tr];
    long[] rt = new long[n - nVal];
    double[] xv = new double[nVal * nf];
    double[] yv = new double[nVal * tr];
    int t = 0;
    int v = 0;
    for (int i = 0; i < n; i++) {
      long rank = s.rank(i);
      if (rank < 0) {
        all.copyExample(i, xv, yv, v++);
      } else {
        all.copyExample(i, xt, yt, t);
        rt[t++] = rank;
      }
    }
    DataBlock train = DataBlock.of(nf, tr, xt, yt, rt);
    return new DataBlock[] {train, nVal == 0 ? null : DataBlock.of(nf, tr, xv, yv, null)};
  }
}

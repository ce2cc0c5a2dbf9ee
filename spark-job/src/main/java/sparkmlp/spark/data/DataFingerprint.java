package sparkmlp.spark.data;

import java.io.Serializable;
import sparkmlp.core.data.Seeds;

/**
 * What the training data was: rows, features, and an order-independent 64-bit hash of every
 * example's index, features and targets (a sum of mixed hashes, so partitioning does not change
 * it).
 */
public final class DataFingerprint implements Serializable {
  private static final long serialVersionUID = 1L;

  private long rows;
  private long hash;

  /** Adds one example. */
  public DataFingerprint add(long index, double[] x, double[] y) {
    long h = Seeds.mix64(index);
    for (double v : x) {
      h = Seeds.mix64(h ^ Double.doubleToLongBits(v));
    }
    for (double v : y) {
      h = Seeds.mix64(h ^ Double.doubleToLongBits(v) ^ 0x5555L);
    }
    hash += h;
    rows++;
    return this;
  }

  public DataFingerprint merge(DataFingerprint o) {
    hash += o.hash;
    rows += o.rows;
    return this;
  }

  public long rows() {
    return rows;
  }

  /** The hash as 16 hex digits. */
  public String hex() {
    return String.format("%016x", hash);
  }
}

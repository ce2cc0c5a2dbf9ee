package sparkmlp.core.data;

import java.io.Serializable;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;

/**
 * Examples stacked column-major: features (numFeatures × size) as doubles or, opt-in, floats;
 * targets (targetRows × size); and each example's rank, its partition-independent position in [0,
 * n) among the training examples, which the batch rule keys on. One block per partition, never one
 * object per row.
 */
public final class DataBlock implements Serializable {
  private static final long serialVersionUID = 2L;

  private final int numFeatures;
  private final int targetRows;
  private final int size;

  /** The features, double or (opt-in) float. */
  private final Vec x;

  private final double[] y;
  private final long[] ranks;
  private final double[] weights;

  /** Over arrays already checked; one rank an example, so the ranks give the size. */
  private DataBlock(
      int numFeatures, int targetRows, Vec x, double[] y, long[] ranks, double[] weights) {
    this.numFeatures = numFeatures;
    this.targetRows = targetRows;
    this.size = ranks.length;
    this.x = x;
    this.y = y;
    this.ranks = ranks;
    this.weights = weights;
  }

  /** A block over column-major arrays (not copied); ranks null means 0..size−1. */
  public static DataBlock of(
      int numFeatures, int targetRows, double[] x, double[] y, long[] ranks) {
    int size = checkShapes(numFeatures, targetRows, x.length, y, ranks);
    return new DataBlock(
        numFeatures, targetRows, new DoubleVec(x), y, ranks == null ? iota(size) : ranks, null);
  }

  /** The same with single-precision features: half the memory, converted to double per batch. */
  public static DataBlock ofFloats(
      int numFeatures, int targetRows, float[] x, double[] y, long[] ranks) {
    int size = checkShapes(numFeatures, targetRows, x.length, y, ranks);
    return new DataBlock(
        numFeatures, targetRows, new FloatVec(x), y, ranks == null ? iota(size) : ranks, null);
  }

  /**
   * This block with per-example weights (not copied; each finite and ≥ 0), which scale each
   * example's loss and gradient; a step's gradient is then divided by its weight total rather than
   * its example count.
   */
  public DataBlock withWeights(double[] w) {
    if (w.length != size) {
      throw new IllegalArgumentException("expected " + size + " weights, found " + w.length);
    }
    for (int i = 0; i < size; i++) {
      if (!(w[i] >= 0) || Double.isInfinite(w[i])) {
        throw new IllegalArgumentException(
            "example " + i + ": expected a finite weight >= 0, found " + w[i]);
      }
    }
    return new DataBlock(numFeatures, targetRows, x, y, ranks, w);
  }

  /** Whether the examples carry weights. */
  public boolean isWeighted() {
    return weights != null;
  }

  /** Weight of example i (1 when the block has none). */
  public double weight(int i) {
    return weights == null ? 1.0 : weights[i];
  }

  /**
   * One double-precision block holding the examples of all the given blocks in order, each keeping
   * its rank (so a batch plan over the global count picks the same examples from it as from the
   * parts).
   */
  public static DataBlock concat(java.util.List<DataBlock> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("expected at least one block to concatenate, found none");
    }
    int nf = blocks.get(0).numFeatures();
    int tr = blocks.get(0).targetRows();
    long total = 0;
    for (DataBlock b : blocks) {
      if (b.numFeatures() != nf || b.targetRows() != tr) {
        throw new IllegalArgumentException(
            "expected blocks of "
                + nf
                + " features and "
                + tr
                + " target rows, found "
                + b.numFeatures()
                + " and "
                + b.targetRows());
      }
      total += b.size();
    }
    int n = Math.toIntExact(total);
    double[] x = new double[Math.multiplyExact(n, nf)];
    double[] y = new double[Math.multiplyExact(n, tr)];
    long[] ranks = new long[n];
    boolean weighted = blocks.stream().anyMatch(DataBlock::isWeighted);
    double[] w = weighted ? new double[n] : null;
    int at = 0;
    for (DataBlock b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        b.copyExample(i, x, y, at);
        if (weighted) {
          w[at] = b.weight(i);
        }
        ranks[at++] = b.rank(i);
      }
    }
    DataBlock out = of(nf, tr, x, y, ranks);
    return weighted ? out.withWeights(w) : out;
  }

  public int numFeatures() {
    return numFeatures;
  }

  public int targetRows() {
    return targetRows;
  }

  public int size() {
    return size;
  }

  public long rank(int local) {
    return ranks[local];
  }

  public boolean isFloat() {
    return x.isFloat();
  }

  /** Feature j of example i. */
  public double feature(int i, int j) {
    int k = i * numFeatures + j;
    return x.get(k);
  }

  /** Target r of example i. */
  public double target(int i, int r) {
    return y[i * targetRows + r];
  }

  /** The double feature array (column-major), or null when stored as floats. */
  public double[] features() {
    return x instanceof DoubleVec d ? d.values() : null;
  }

  public double[] targets() {
    return y;
  }

  /** Copies example i's features and targets into column {@code col} of the given blocks. */
  public void copyExample(int i, double[] xOut, double[] yOut, int col) {
    int src = i * numFeatures;
    int dst = col * numFeatures;
    x.copyTo(src, xOut, dst, numFeatures);
    System.arraycopy(y, i * targetRows, yOut, col * targetRows, targetRows);
  }

  /** The same into a single-precision input block, for the float training path. */
  public void copyExample(int i, float[] xOut, double[] yOut, int col) {
    int src = i * numFeatures;
    int dst = col * numFeatures;
    x.copyTo(src, xOut, dst, numFeatures);
    System.arraycopy(y, i * targetRows, yOut, col * targetRows, targetRows);
  }

  /** Bytes the block's arrays take in memory. */
  public long memoryBytes() {
    long fx = x.bytes();
    return fx + 8L * y.length + 8L * ranks.length + (weights == null ? 0 : 8L * weights.length);
  }

  /** Rejects NaN or infinite features or targets, naming the example and column. */
  public void checkFinite() {
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < numFeatures; j++) {
        double v = feature(i, j);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "example " + i + ", feature " + j + ": expected a finite number, found " + v);
        }
      }
      for (int r = 0; r < targetRows; r++) {
        double v = target(i, r);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "example " + i + ", target " + r + ": expected a finite number, found " + v);
        }
      }
    }
  }

  private static int checkShapes(
      int numFeatures, int targetRows, int xLength, double[] y, long[] ranks) {
    if (numFeatures < 1 || targetRows < 1) {
      throw new IllegalArgumentException(
          "expected at least one feature and one target row, found "
              + numFeatures
              + " and "
              + targetRows);
    }
    if (xLength % numFeatures != 0) {
      throw new IllegalArgumentException(
          "feature array of "
              + xLength
              + " values is not a whole number of "
              + numFeatures
              + "-feature examples");
    }
    int size = xLength / numFeatures;
    if (y.length != (long) size * targetRows) {
      throw new IllegalArgumentException(
          "expected "
              + ((long) size * targetRows)
              + " target values for "
              + size
              + " examples, found "
              + y.length);
    }
    if (ranks != null && ranks.length != size) {
      throw new IllegalArgumentException("expected " + size + " ranks, found " + ranks.length);
    }
    return size;
  }

  private static long[] iota(int n) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}

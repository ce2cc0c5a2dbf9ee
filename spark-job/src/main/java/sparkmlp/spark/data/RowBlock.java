package sparkmlp.spark.data;

import java.io.Serializable;
import java.util.Arrays;
import sparkmlp.core.data.DataBlock;

/**
 * Examples already encoded and normalised, appended one at a time into growing column-major arrays:
 * a validation or evaluation block of one input partition, or one input partition's share of a
 * training partition on its way there ({@link TrainBlocks}). Features are stored as floats or
 * doubles as the block will hold them; weights only from the first example whose weight is not 1.
 */
final class RowBlock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int nf;
  private final int targetRows;
  private float[] xf;
  private double[] xd;
  private double[] y;
  private long[] ranks;
  private double[] w;
  private int n;
  private final DataFingerprint fingerprint = new DataFingerprint();

  RowBlock(int nf, int targetRows, boolean floats, int capacity) {
    this.nf = nf;
    this.targetRows = targetRows;
    int cap = Math.max(1, capacity);
    if (floats) {
      xf = new float[nf * cap];
    } else {
      xd = new double[nf * cap];
    }
    y = new double[targetRows * cap];
    ranks = new long[cap];
  }

  /** Appends one example whose normalised features are {@code x}. */
  void add(double[] x, double[] ys, long rank, double weight) {
    if (n == ranks.length) {
      grow(Math.max(64, 2 * n));
    }
    if (w == null && weight != 1.0) {
      w = new double[ranks.length];
      Arrays.fill(w, 0, n, 1.0);
    }
    if (w != null) {
      w[n] = weight;
    }
    int base = n * nf;
    if (xf != null) {
      for (int j = 0; j < nf; j++) {
        xf[base + j] = (float) x[j];
      }
    } else {
      System.arraycopy(x, 0, xd, base, nf);
    }
    System.arraycopy(ys, 0, y, n * targetRows, targetRows);
    ranks[n++] = rank;
  }

  private void grow(int cap) {
    if (xf != null) {
      xf = Arrays.copyOf(xf, nf * cap);
    } else {
      xd = Arrays.copyOf(xd, nf * cap);
    }
    y = Arrays.copyOf(y, targetRows * cap);
    ranks = Arrays.copyOf(ranks, cap);
    w = w == null ? null : Arrays.copyOf(w, cap);
  }

  /** The fingerprint of the raw examples, kept beside a training share by whoever adds them. */
  DataFingerprint fingerprint() {
    return fingerprint;
  }

  int size() {
    return n;
  }

  long rank(int i) {
    return ranks[i];
  }

  boolean isWeighted() {
    return w != null;
  }

  /** Copies example i into example {@code slot} of a block's arrays ({@code xf} or {@code xd}). */
  void copyTo(int i, float[] toXf, double[] toXd, double[] toY, double[] toW, int slot) {
    if (xf != null) {
      System.arraycopy(xf, i * nf, toXf, slot * nf, nf);
    } else {
      System.arraycopy(xd, i * nf, toXd, slot * nf, nf);
    }
    System.arraycopy(y, i * targetRows, toY, slot * targetRows, targetRows);
    if (toW != null) {
      toW[slot] = w == null ? 1.0 : w[i];
    }
  }

  /** Drops the spare capacity, so the arrays hold exactly the examples (before shipping). */
  RowBlock trim() {
    if (n < ranks.length) {
      grow(n);
    }
    return this;
  }

  /** The examples as a block. */
  DataBlock toBlock() {
    trim();
    DataBlock block =
        xf != null
            ? DataBlock.ofFloats(nf, targetRows, xf, y, ranks)
            : DataBlock.of(nf, targetRows, xd, y, ranks);
    return w == null ? block : block.withWeights(w);
  }
}

package sparkmlp.core.data;

import java.io.Serializable;

/**
 * Per-feature count, mean, sum of squared deviations, minimum and maximum, accumulated one example
 * at a time (Welford) and merged across partitions (Chan, Golub and LeVeque 1979).
 */
public final class FeatureStats implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private long count;
  private final double[] mean;
  private final double[] m2;
  private final double[] min;
  private final double[] max;

  public FeatureStats(int numFeatures) {
    this.numFeatures = numFeatures;
    this.mean = new double[numFeatures];
    this.m2 = new double[numFeatures];
    this.min = new double[numFeatures];
    this.max = new double[numFeatures];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /** Adds one example whose features start at x[off]. */
  public FeatureStats add(double[] x, int off) {
    count++;
    for (int j = 0; j < numFeatures; j++) {
      double v = x[off + j];
      double d = v - mean[j];
      mean[j] += d / count;
      m2[j] += d * (v - mean[j]);
      if (v < min[j]) {
        min[j] = v;
      }
      if (v > max[j]) {
        max[j] = v;
      }
    }
    return this;
  }

  /** Adds every example of a block. */
  public FeatureStats addAll(DataBlock block) {
    double[] col = new double[numFeatures];
    double[] ignored = new double[block.targetRows()];
    for (int i = 0; i < block.size(); i++) {
      block.copyExample(i, col, ignored, 0);
      add(col, 0);
    }
    return this;
  }

  /** Merges another accumulator into this one and returns this. */
  public FeatureStats merge(FeatureStats o) {
    if (o.numFeatures != numFeatures) {
      throw new IllegalArgumentException(
          "cannot merge statistics of " + o.numFeatures + " features into " + numFeatures);
    }
    if (o.count == 0) {
      return this;
    }
    long n = count + o.count;
    for (int j = 0; j < numFeatures; j++) {
      double d = o.mean[j] - mean[j];
      mean[j] += d * o.count / n;
      m2[j] += o.m2[j] + d * d * ((double) count * o.count / n);
      min[j] = Math.min(min[j], o.min[j]);
      max[j] = Math.max(max[j], o.max[j]);
    }
    count = n;
    return this;
  }

  public int numFeatures() {
    return numFeatures;
  }

  public long count() {
    return count;
  }

  public double mean(int j) {
    return mean[j];
  }

  /** Population standard deviation √(M2 / n). */
  public double std(int j) {
    return count == 0 ? 0 : Math.sqrt(m2[j] / count);
  }

  public double min(int j) {
    return min[j];
  }

  public double max(int j) {
    return max[j];
  }
}

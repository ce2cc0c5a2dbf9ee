package sparkmlp.core.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-feature count, mean, sum of squared deviations, minimum and maximum, accumulated one example
 * at a time (Welford) and merged across partitions (Chan, Golub and LeVeque 1979: for parts a and b
 * with δ = mean_b − mean_a, M2 = M2_a + M2_b + δ² · n_a · n_b / n).
 *
 * <p>Deviations are taken in units of a per-feature power of two near the largest magnitude seen
 * (the scaled sum of squares of LAPACK's {@code dlassq}), so finite values up to {@link
 * Double#MAX_VALUE} give a finite mean and standard deviation: squaring a deviation of 1e308
 * directly would overflow. Powers of two scale exactly, so for values below 2 in magnitude the
 * figures are bit for bit those of the unscaled formulas, and within rounding for all others.
 *
 * <p>Serializable because the Spark job computes one per partition in a task and merges them on the
 * driver.
 */
public final class FeatureStats implements Serializable {
  private static final long serialVersionUID = 2L;

  private final int numFeatures;
  private long count;
  private final double[] mean;
  // per feature: a power of two ≥ 1 with |x| < 2·unit for every x seen, and M2 / unit²
  private final double[] unit;
  private final double[] scaledM2;
  private final double[] min;
  private final double[] max;

  public FeatureStats(int numFeatures) {
    this.numFeatures = numFeatures;
    this.mean = new double[numFeatures];
    this.unit = new double[numFeatures];
    this.scaledM2 = new double[numFeatures];
    this.min = new double[numFeatures];
    this.max = new double[numFeatures];
    Arrays.fill(unit, 1.0);
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
  }

  /** Adds one example whose features start at x[off]. */
  public FeatureStats add(double[] x, int off) {
    count++;
    for (int j = 0; j < numFeatures; j++) {
      double v = x[off + j];
      double u = widenUnit(j, Math.abs(v));
      double d = v / u - mean[j] / u;
      mean[j] += d / count * u;
      scaledM2[j] += d * (v / u - mean[j] / u);
      if (v < min[j]) {
        min[j] = v;
      }
      if (v > max[j]) {
        max[j] = v;
      }
    }
    return this;
  }

  /** Raises feature j's unit to cover magnitude a, rescaling its sum of squares; returns it. */
  private double widenUnit(int j, double a) {
    double u = unit[j];
    if (a >= 2 * u) { // an infinite a gives an infinite unit, and NaN statistics
      double wider = Math.scalb(1.0, Math.getExponent(a));
      double r = u / wider;
      scaledM2[j] *= r * r;
      unit[j] = wider;
      return wider;
    }
    return u;
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
      double u = Math.max(unit[j], o.unit[j]);
      double r = unit[j] / u;
      double ro = o.unit[j] / u;
      double d = o.mean[j] / u - mean[j] / u;
      mean[j] += d * o.count / n * u;
      scaledM2[j] =
          scaledM2[j] * (r * r)
              + (o.scaledM2[j] * (ro * ro) + d * d * ((double) count * o.count / n));
      unit[j] = u;
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
    return count == 0 ? 0 : Math.sqrt(scaledM2[j] / count) * unit[j];
  }

  /**
   * The first feature whose mean, standard deviation, minimum or maximum is not finite, or −1 when
   * all are (and there is at least one example). Finite inputs always give finite statistics; this
   * is the guard for everything else.
   */
  public int firstNonFinite() {
    for (int j = 0; j < numFeatures; j++) {
      if (count > 0
          && !(Double.isFinite(mean[j])
              && Double.isFinite(std(j))
              && Double.isFinite(min[j])
              && Double.isFinite(max[j]))) {
        return j;
      }
    }
    return -1;
  }

  /** Feature j's figures for an error message. */
  public String describe(int j) {
    return "mean "
        + mean[j]
        + ", standard deviation "
        + std(j)
        + ", min "
        + min[j]
        + ", max "
        + max[j];
  }

  public double min(int j) {
    return min[j];
  }

  public double max(int j) {
    return max[j];
  }
}

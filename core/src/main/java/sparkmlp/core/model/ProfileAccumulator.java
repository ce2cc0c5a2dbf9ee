package sparkmlp.core.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import sparkmlp.core.data.FeatureStats;

/**
 * The second pass that builds a {@link FeatureProfile}: given the first pass's {@link FeatureStats}
 * (for the range and the moments), it counts each feature into 1000 equal-width bins over [min,
 * max], from which the deciles are read off as bin boundaries, so the stored shares are exact
 * counts; and, when a reference profile is given, counts each feature into the reference's bins for
 * the drift check. Partitions accumulate separately and {@link #merge}.
 */
public final class ProfileAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Fine bins per feature; deciles are their boundaries (resolution 1/1000 of the range). */
  static final int FINE = 1000;

  private final int nf;
  private final double[] min;
  private final double[] max;
  private final long[][] fine;
  private final FeatureProfile reference;
  private final long[][] referenceCounts;

  /** Accumulates against the first pass's statistics; {@code reference} may be null. */
  public ProfileAccumulator(FeatureStats stats, FeatureProfile reference) {
    nf = stats.numFeatures();
    min = new double[nf];
    max = new double[nf];
    fine = new long[nf][FINE];
    for (int j = 0; j < nf; j++) {
      min[j] = stats.min(j);
      max[j] = stats.max(j);
    }
    if (reference != null && reference.features().size() != nf) {
      throw new IllegalArgumentException(
          "the reference profile has " + reference.features().size() + " features, the data " + nf);
    }
    this.reference = reference;
    referenceCounts = new long[nf][];
    if (reference != null) {
      for (int j = 0; j < nf; j++) {
        referenceCounts[j] = new long[reference.features().get(j).bins()];
      }
    }
  }

  /** Adds one example whose features start at x[off]. */
  public ProfileAccumulator add(double[] x, int off) {
    for (int j = 0; j < nf; j++) {
      double v = x[off + j];
      fine[j][fineBin(j, v)]++;
      if (reference != null) {
        referenceCounts[j][reference.features().get(j).bin(v)]++;
      }
    }
    return this;
  }

  private int fineBin(int j, double v) {
    double w = max[j] - min[j];
    if (!(w > 0)) {
      return 0;
    }
    int b = (int) Math.floor((v - min[j]) / w * FINE);
    return Math.max(0, Math.min(FINE - 1, b));
  }

  public ProfileAccumulator merge(ProfileAccumulator o) {
    for (int j = 0; j < nf; j++) {
      for (int b = 0; b < FINE; b++) {
        fine[j][b] += o.fine[j][b];
      }
      if (reference != null) {
        for (int b = 0; b < referenceCounts[j].length; b++) {
          referenceCounts[j][b] += o.referenceCounts[j][b];
        }
      }
    }
    return this;
  }

  /** Counts of feature j in the reference profile's bins (a reference was given). */
  public long[] referenceCounts(int j) {
    return referenceCounts[j].clone();
  }

  /**
   * The profile of the data seen: deciles as the first fine-bin boundary at which the cumulative
   * count reaches k/10 of the rows (k = 1..9), duplicates dropped, and each bin's exact share.
   */
  public FeatureProfile profile(List<String> names, FeatureStats stats) {
    long n = stats.count();
    List<FeatureProfile.Feature> out = new ArrayList<>();
    for (int j = 0; j < nf; j++) {
      List<Double> edges = new ArrayList<>();
      List<Double> shares = new ArrayList<>();
      double w = max[j] - min[j];
      long cum = 0;
      long inBin = 0;
      int k = 1;
      for (int b = 0; b < FINE; b++) {
        cum += fine[j][b];
        inBin += fine[j][b];
        if (w > 0 && b < FINE - 1 && k < 10 && cum * 10 >= k * n) {
          double edge = min[j] + (b + 1) * (w / FINE);
          if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
            edges.add(edge);
            shares.add((double) inBin / n);
            inBin = 0;
          }
          while (k < 10 && cum * 10 >= k * n) {
            k++;
          }
        }
      }
      shares.add((double) inBin / n);
      out.add(
          new FeatureProfile.Feature(
              names.get(j),
              stats.mean(j),
              stats.std(j),
              edges.stream().mapToDouble(Double::doubleValue).toArray(),
              shares.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return new FeatureProfile(n, out);
  }
}

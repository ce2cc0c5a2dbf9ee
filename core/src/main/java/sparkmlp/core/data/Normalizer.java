package sparkmlp.core.data;

import java.util.Arrays;
import java.util.Locale;
import sparkmlp.core.format.Ids;

/**
 * Feature normalisation x' = (x − shift) · scale, fitted on training data and stored in the model
 * so that prediction applies exactly the same transform. A constant feature gets scale 1.
 * Immutable: the arrays are copied in and out. Serializable for Spark's task closures only; files
 * store it in the model's JSON header.
 */
public record Normalizer(Kind kind, double[] shift, double[] scale)
    implements java.io.Serializable {
  /** How the transform is fitted. */
  public enum Kind {
    NONE,
    STANDARD,
    MINMAX;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind fromId(String id) {
      Kind k = Ids.find(values(), Kind::id, id);
      if (k == null) {
        throw new IllegalArgumentException(
            "unknown normalization '" + id + "'; expected " + Ids.alternatives(values(), Kind::id));
      }
      return k;
    }
  }

  public Normalizer {
    shift = shift.clone();
    scale = scale.clone();
    if (shift.length != scale.length) {
      throw new IllegalArgumentException(
          "normalizer shift has " + shift.length + " values, scale " + scale.length);
    }
    for (int j = 0; j < shift.length; j++) {
      if (!Double.isFinite(shift[j]) || !Double.isFinite(scale[j])) {
        throw new IllegalArgumentException(
            "normalizer feature "
                + j
                + ": expected finite shift and scale, found "
                + shift[j]
                + " and "
                + scale[j]);
      }
    }
  }

  /** The identity transform on n features. */
  public static Normalizer none(int numFeatures) {
    double[] one = new double[numFeatures];
    Arrays.fill(one, 1.0);
    return new Normalizer(Kind.NONE, new double[numFeatures], one);
  }

  /**
   * Fits a transform of the given kind to training statistics; a feature whose statistics are not
   * finite is an {@link IllegalArgumentException} naming it.
   */
  public static Normalizer fit(Kind kind, FeatureStats stats) {
    int n = stats.numFeatures();
    if (kind == Kind.NONE) {
      return none(n);
    }
    if (stats.count() == 0) {
      throw new IllegalArgumentException("cannot fit a normalizer on zero examples");
    }
    int bad = stats.firstNonFinite();
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "cannot fit a "
              + kind.id()
              + " normalizer: feature "
              + bad
              + " has statistics that are not finite ("
              + stats.describe(bad)
              + ")");
    }
    double[] shift = new double[n];
    double[] scale = new double[n];
    for (int j = 0; j < n; j++) {
      double spread;
      if (kind == Kind.STANDARD) {
        shift[j] = stats.mean(j);
        spread = stats.std(j);
      } else {
        shift[j] = stats.min(j);
        spread = stats.max(j) - stats.min(j);
      }
      if (spread == Double.POSITIVE_INFINITY) { // max − min beyond Double.MAX_VALUE: halve both
        scale[j] = 0.5 / (stats.max(j) * 0.5 - stats.min(j) * 0.5);
      } else {
        scale[j] = spread > 0 ? 1.0 / spread : 1.0;
      }
    }
    return new Normalizer(kind, shift, scale);
  }

  /** A copy of the shift per feature. */
  @Override
  public double[] shift() {
    return shift.clone();
  }

  /** A copy of the scale per feature. */
  @Override
  public double[] scale() {
    return scale.clone();
  }

  public int numFeatures() {
    return shift.length;
  }

  /** Transforms {@code count} examples stored column-major from {@code off}, in place. */
  public void apply(double[] x, int off, int count) {
    if (kind == Kind.NONE) {
      return;
    }
    int n = shift.length;
    for (int i = 0; i < count; i++) {
      int base = off + i * n;
      for (int j = 0; j < n; j++) {
        double v = x[base + j];
        double z = (v - shift[j]) * scale[j];
        // v − shift can pass Double.MAX_VALUE (1e308 minus −1e308) although z is small
        x[base + j] =
            Double.isInfinite(z) && Double.isFinite(v) ? v * scale[j] - shift[j] * scale[j] : z;
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalizer z
        && z.kind == kind
        && Arrays.equals(z.shift, shift)
        && Arrays.equals(z.scale, scale);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(shift) * 17 + Arrays.hashCode(scale);
  }
}

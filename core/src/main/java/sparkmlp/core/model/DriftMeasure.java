package sparkmlp.core.model;

import sparkmlp.core.format.Ids;

/** How a feature's drift from a model's training data is measured (see {@link FeatureProfile}). */
public enum DriftMeasure {
  /** Population-stability index over the reference's decile bins. */
  PSI("psi"),
  /** |new mean − reference mean| / reference std. */
  MEAN_SHIFT("mean-shift");

  private final String id;

  DriftMeasure(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** The measure with this id (case-insensitive). */
  public static DriftMeasure fromId(String id) {
    DriftMeasure m = Ids.find(values(), DriftMeasure::id, id);
    if (m == null) {
      throw new IllegalArgumentException(
          "unknown drift measure '" + id + "'; expected " + Ids.oneOf(values(), DriftMeasure::id));
    }
    return m;
  }
}

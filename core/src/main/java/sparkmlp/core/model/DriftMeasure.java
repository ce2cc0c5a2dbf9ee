package sparkmlp.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
    for (DriftMeasure m : values()) {
      if (m.id.equals(id.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown drift measure '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(DriftMeasure::id).collect(Collectors.joining(", ")));
  }
}

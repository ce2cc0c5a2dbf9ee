package sparkmlp.core.train;

import java.util.Locale;

/**
 * The arithmetic of a training step's gradient: {@code double} throughout, or {@code float} (mixed
 * precision, as on GPUs): float weights and inputs, {@code sgemm}, float partial gradients, while
 * the sums across blocks, the master weights and the optimiser state stay in double.
 */
public enum Precision {
  DOUBLE,
  FLOAT;

  /** The name used in configs: {@code double} or {@code float}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #id()}. */
  public static Precision fromId(String id) {
    for (Precision p : values()) {
      if (p.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown precision '" + id + "'; expected double or float");
  }
}

package sparkmlp.core.data;

import java.util.Locale;

/**
 * Precision a {@link DataBlock} keeps its features in: {@code float} halves the memory of a cached
 * training set; arithmetic is double either way.
 */
public enum StoragePrecision {
  DOUBLE,
  FLOAT;

  /** The name used in configs: {@code double}, {@code float}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The precision named {@code id} (any case). */
  public static StoragePrecision fromId(String id) {
    for (StoragePrecision p : values()) {
      if (p.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown precision '" + id + "'; expected double or float");
  }
}

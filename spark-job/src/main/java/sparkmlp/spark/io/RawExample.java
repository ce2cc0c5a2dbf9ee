package sparkmlp.spark.io;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One example as read.
 *
 * @param index 0-based position of the example in the input (files in name order, then line or
 *     record order); stable however the data is later partitioned
 * @param features the feature values, unscaled
 * @param labels the raw label token(s), one per label column (usually one)
 */
public record RawExample(long index, double[] features, String[] labels) implements Serializable {

  /** Compares the arrays by content, not identity. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RawExample e
        && index == e.index
        && Arrays.equals(features, e.features)
        && Arrays.equals(labels, e.labels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(index) + Arrays.hashCode(features)) + Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "RawExample["
        + index
        + ", "
        + Arrays.toString(features)
        + ", "
        + Arrays.toString(labels)
        + "]";
  }
}

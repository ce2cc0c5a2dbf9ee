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
 * @param weight the example's weight in training (1 unless a DataFrame's weight column says)
 */
public record RawExample(long index, double[] features, String[] labels, double weight)
    implements Serializable {

  /** An example of weight 1, as every file reader yields. */
  public RawExample(long index, double[] features, String[] labels) {
    this(index, features, labels, 1.0);
  }

  /** Compares the arrays by content, not identity. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RawExample e
        && index == e.index
        && Arrays.equals(features, e.features)
        && Arrays.equals(labels, e.labels)
        && Double.compare(weight, e.weight) == 0;
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

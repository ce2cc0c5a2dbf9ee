package sparkmlp.spark.data;

import java.io.Serializable;

/**
 * One encoded example during preparation only (the cached form is a block per partition): its input
 * index, its training rank (or −1 when held out for validation), features, targets and weight.
 */
record Example(long index, long rank, double[] x, double[] y, double weight)
    implements Serializable {
  boolean isValidation() {
    return rank < 0;
  }
}

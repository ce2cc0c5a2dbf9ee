package sparkmlp.spark.data;

import java.io.Serializable;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.ValidationSplit;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RowCursor;

/**
 * How every pass over the raw rows turns one into a training example: its labels encoded (an error
 * names the row) and its rank under the validation split of {@code total} examples (fraction 0:
 * rank = index), or −1 when held out.
 */
record RowEncoding(String source, LabelEncoder encoder, long seed, long total, double fraction)
    implements Serializable {

  /** The split, made once per partition. */
  ValidationSplit split() {
    return new ValidationSplit(seed, total, fraction);
  }

  int targetRows() {
    return encoder.targetRows();
  }

  /** Encodes the current row's labels into {@code y}. */
  void encode(RowCursor row, double[] y) {
    try {
      encoder.encode(row.labels(), y, 0);
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": row " + (row.index() + 1) + ": " + e.getMessage());
    }
  }
}

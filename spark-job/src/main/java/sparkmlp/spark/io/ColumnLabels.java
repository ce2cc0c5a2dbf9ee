package sparkmlp.spark.io;

import java.math.BigDecimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One label column's cells as label tokens, {@link ParquetRowParser#labelText} of the value a
 * {@code Row} would hold, without a new string each time a label comes back: the few distinct
 * labels of a classification data set are kept by their bits (numbers) or bytes (strings).
 */
final class ColumnLabels {
  private static final int KEPT = 16;

  private final ColumnRead column;
  private final long[] keys = new long[KEPT];
  private final UTF8String[] texts = new UTF8String[KEPT];
  private final String[] labels = new String[KEPT];
  private int next;

  ColumnLabels(ColumnRead column) {
    this.column = column;
  }

  /** The token of row {@code row} (not null). */
  String of(ColumnVector v, int row) {
    return switch (column.kind()) {
      case BOOLEAN -> Boolean.toString(v.getBoolean(row));
      case BYTE -> integral(v.getByte(row));
      case SHORT -> integral(v.getShort(row));
      case INT -> integral(v.getInt(row));
      case LONG -> integral(v.getLong(row));
      case FLOAT -> floating(Float.floatToRawIntBits(v.getFloat(row)), v.getFloat(row), true);
      case DOUBLE ->
          floating(Double.doubleToRawLongBits(v.getDouble(row)), v.getDouble(row), false);
      case DECIMAL ->
          decimal(v.getDecimal(row, column.precision(), column.scale()).toJavaBigDecimal());
      case STRING -> text(v.getUTF8String(row));
    };
  }

  private String integral(long value) {
    for (int k = 0; k < KEPT; k++) {
      if (labels[k] != null && keys[k] == value) {
        return labels[k];
      }
    }
    return keep(value, null, Long.toString(value));
  }

  /** As the row path: a whole number below 1e15 without a fraction, else Java's shortest form. */
  private String floating(long bits, double value, boolean isFloat) {
    for (int k = 0; k < KEPT; k++) {
      if (labels[k] != null && keys[k] == bits) {
        return labels[k];
      }
    }
    String text;
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      text = Long.toString((long) value);
    } else {
      text = isFloat ? Float.toString((float) value) : Double.toString(value);
    }
    return keep(bits, null, text);
  }

  private static String decimal(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private String text(UTF8String value) {
    for (int k = 0; k < KEPT; k++) {
      if (texts[k] != null && texts[k].equals(value)) {
        return labels[k];
      }
    }
    return keep(0, value.copy(), value.toString());
  }

  private String keep(long key, UTF8String text, String label) {
    keys[next] = key;
    texts[next] = text;
    labels[next] = label;
    next = (next + 1) % KEPT;
    return label;
  }
}

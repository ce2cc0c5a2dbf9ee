package sparkmlp.spark.io;

import java.io.Serializable;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.vectorized.ColumnVector;

/**
 * How one selected column is read from a Spark {@link ColumnVector}: its position in the batch and
 * its type. Every value is the one the row path reads from the same cell ({@code ((Number)
 * v).doubleValue()} of the boxed value a {@code Row} holds, and {@link ParquetRowParser#labelText}
 * of it), without the box.
 *
 * @param ordinal the column's position in the batches
 * @param kind how its values are stored
 * @param precision a decimal column's precision (else 0)
 * @param scale a decimal column's scale (else 0)
 */
record ColumnRead(int ordinal, Kind kind, int precision, int scale) implements Serializable {

  /** The value types read column-wise. */
  enum Kind {
    BOOLEAN,
    BYTE,
    SHORT,
    INT,
    LONG,
    FLOAT,
    DOUBLE,
    DECIMAL,
    STRING
  }

  /** How to read a column of {@code type} at {@code ordinal}; null for a type read row-wise. */
  static ColumnRead of(int ordinal, DataType type) {
    Kind kind = kindOf(type);
    if (kind == null) {
      return null;
    }
    if (type instanceof DecimalType d) {
      return new ColumnRead(ordinal, kind, d.precision(), d.scale());
    }
    return new ColumnRead(ordinal, kind, 0, 0);
  }

  private static Kind kindOf(DataType type) {
    if (type instanceof BooleanType) {
      return Kind.BOOLEAN;
    } else if (type instanceof ByteType) {
      return Kind.BYTE;
    } else if (type instanceof ShortType) {
      return Kind.SHORT;
    } else if (type instanceof IntegerType) {
      return Kind.INT;
    } else if (type instanceof LongType) {
      return Kind.LONG;
    } else if (type instanceof FloatType) {
      return Kind.FLOAT;
    } else if (type instanceof DoubleType) {
      return Kind.DOUBLE;
    } else if (type instanceof DecimalType) {
      return Kind.DECIMAL;
    } else if (type instanceof StringType) {
      return Kind.STRING;
    }
    return null;
  }

  /** True for a number column, which a feature must be. */
  boolean isNumber() {
    return kind != Kind.BOOLEAN && kind != Kind.STRING;
  }

  /** The number in row {@code row} (not null) of a number column, as a double. */
  double number(ColumnVector v, int row) {
    return switch (kind) {
      case BYTE -> v.getByte(row);
      case SHORT -> v.getShort(row);
      case INT -> v.getInt(row);
      case LONG -> v.getLong(row);
      case FLOAT -> v.getFloat(row);
      case DOUBLE -> v.getDouble(row);
      case DECIMAL -> v.getDecimal(row, precision, scale).toJavaBigDecimal().doubleValue();
      case BOOLEAN, STRING -> throw new IllegalStateException(kind + " is not a number");
    };
  }

  /** True if the cell (not null) is a NaN float or double, which no label may be. */
  boolean isNaN(ColumnVector v, int row) {
    return (kind == Kind.FLOAT && Float.isNaN(v.getFloat(row)))
        || (kind == Kind.DOUBLE && Double.isNaN(v.getDouble(row)));
  }
}

package sparkmlp.spark.io;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Reads a Parquet column of feature vectors without depending on spark-mllib: an ML/MLlib {@code
 * Vector} (a UDT) through its {@code toArray()}; the struct Spark reads such a column as when the
 * UDT class is missing ({@code type} 0 sparse / 1 dense, {@code size}, {@code indices}, {@code
 * values}); or a plain array of numbers.
 */
final class VectorValues {

  /** How the column is stored. */
  enum Kind {
    UDT,
    STRUCT,
    ARRAY
  }

  /**
   * Each vector class's {@code toArray()}, looked up once per class and JVM (a null value: none).
   * Static on purpose: the value is a pure function of the class, so nothing a test or a task could
   * observe depends on it, and a per-reader cache would repeat the reflective lookup in every task;
   * {@link ClassValue} is the JDK's cache for exactly this and lets a class loader be collected.
   */
  private static final ClassValue<Method> TO_ARRAY =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          return toArrayMethod(type);
        }
      };

  private VectorValues() {}

  /** The kind of a column type, or null if it is not a vector. */
  static Kind kindOf(DataType type) {
    if (type instanceof UserDefinedType<?>) {
      return Kind.UDT;
    }
    if (type instanceof StructType s
        && List.of(s.fieldNames()).containsAll(List.of("type", "size", "indices", "values"))) {
      return Kind.STRUCT;
    }
    if (type instanceof ArrayType a && a.elementType() instanceof NumericType) {
      return Kind.ARRAY;
    }
    return null;
  }

  /**
   * The dense values of column {@code column} of {@code row}; null if the cell is null or
   * malformed.
   */
  static double[] values(Row row, int column, Kind kind) {
    if (row.isNullAt(column)) {
      return null;
    }
    return switch (kind) {
      case UDT -> fromObject(row.get(column));
      case STRUCT -> fromStruct(row.getStruct(column));
      case ARRAY -> fromList(row.getList(column));
    };
  }

  private static double[] fromObject(Object vector) {
    try {
      Method toArray = TO_ARRAY.get(vector.getClass());
      return toArray == null ? null : (double[]) toArray.invoke(vector);
    } catch (IllegalAccessException | InvocationTargetException | ClassCastException e) {
      return null;
    }
  }

  private static Method toArrayMethod(Class<?> type) {
    try {
      Method m = type.getMethod("toArray");
      return m.getReturnType() == double[].class ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static double[] fromStruct(Row s) {
    Object type = s.get(s.fieldIndex("type"));
    List<Object> values =
        s.isNullAt(s.fieldIndex("values")) ? null : s.getList(s.fieldIndex("values"));
    if (!(type instanceof Number t) || values == null) {
      return null;
    }
    if (t.intValue() == 1) {
      return fromList(values);
    }
    Object size = s.get(s.fieldIndex("size"));
    List<Object> indices =
        s.isNullAt(s.fieldIndex("indices")) ? null : s.getList(s.fieldIndex("indices"));
    if (t.intValue() != 0
        || !(size instanceof Number n)
        || indices == null
        || indices.size() != values.size()) {
      return null;
    }
    double[] dense = new double[n.intValue()];
    for (int k = 0; k < indices.size(); k++) {
      if (!(indices.get(k) instanceof Number i)
          || i.intValue() < 0
          || i.intValue() >= dense.length
          || !(values.get(k) instanceof Number v)) {
        return null;
      }
      dense[i.intValue()] = v.doubleValue();
    }
    return dense;
  }

  private static double[] fromList(List<Object> list) {
    double[] out = new double[list.size()];
    for (int k = 0; k < out.length; k++) {
      if (!(list.get(k) instanceof Number v)) {
        return null;
      }
      out[k] = v.doubleValue();
    }
    return out;
  }
}

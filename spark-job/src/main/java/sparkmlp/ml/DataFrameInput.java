package sparkmlp.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RawExample;

/**
 * A DataFrame's columns as the CLI's readers yield a file: checked schema, then lazily one {@link
 * RawExample} per row (features, label tokens, and the row's position as its index, so the batch
 * rule sees the same examples as for the same rows in a file). Row errors surface when a job runs,
 * as an {@link InputException} naming the column and the row.
 */
final class DataFrameInput {
  /** The columns a fit reads: features, label, and weight (empty for none). */
  record FitColumns(String features, String label, String weight) implements Serializable {
    static FitColumns of(ColumnParams<?> p) {
      return new FitColumns(p.getFeaturesCol(), p.getLabelCol(), p.getWeightCol());
    }
  }

  /**
   * What the label column holds and gives the network: its outputs, the class count (0 unless the
   * labels are class indices, then each must be an integer in [0, classes)), the output names, and
   * whether it holds vectors of {@code outputs} values (each 0 or 1 when {@code binary}).
   */
  record Labels(int outputs, int classes, List<String> names, boolean vector, boolean binary)
      implements Serializable {}

  private DataFrameInput() {}

  /** Rejects a missing column, naming the param and the columns there are. */
  static StructField field(StructType schema, String column, String param) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(column)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        param
            + ": column '"
            + column
            + "' not found; the dataset has "
            + String.join(", ", schema.fieldNames()));
  }

  static boolean isVector(DataType t) {
    return t.equals(SQLDataTypes.VectorType());
  }

  /** Checks that the features column exists and holds vectors. */
  static void requireVector(StructType schema, String column, String param) {
    DataType t = field(schema, column, param).dataType();
    if (!isVector(t)) {
      throw new IllegalArgumentException(
          param
              + ": column '"
              + column
              + "' must be a Vector (e.g. from VectorAssembler), found "
              + t.simpleString());
    }
  }

  /** Checks that a column exists and is numeric (or, when allowed, a vector). */
  static boolean requireNumberOrVector(
      StructType schema, String column, String param, boolean vectorAllowed) {
    DataType t = field(schema, column, param).dataType();
    if (t instanceof NumericType) {
      return false;
    }
    if (vectorAllowed && isVector(t)) {
      return true;
    }
    throw new IllegalArgumentException(
        param
            + ": column '"
            + column
            + "' must be numeric"
            + (vectorAllowed ? " or a Vector" : "")
            + ", found "
            + t.simpleString());
  }

  static void requireBoolean(StructType schema, String column, String param) {
    DataType t = field(schema, column, param).dataType();
    if (!t.equals(DataTypes.BooleanType)) {
      throw new IllegalArgumentException(
          param + ": column '" + column + "' must be boolean, found " + t.simpleString());
    }
  }

  /** Features per row: from the column's ML attributes when set, else from the first row. */
  static int numFeatures(Dataset<Row> df, String column) {
    AttributeGroup g = AttributeGroup.fromStructField(df.schema().apply(column));
    if (g.size() > 0) {
      return g.size();
    }
    Vector v = df.select(col(column)).first().getAs(0);
    if (v == null) {
      throw new IllegalArgumentException(
          "featuresCol: column '" + column + "': row 1 is null, expected a Vector");
    }
    return v.size();
  }

  /** Feature names from the column's ML attributes, else {@code column[j]}. */
  static List<String> featureNames(StructField field, int n) {
    AttributeGroup g = AttributeGroup.fromStructField(field);
    List<String> names = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      String name = null;
      if (g.attributes().isDefined() && g.size() == n) {
        scala.Option<String> o = g.getAttr(j).name();
        name = o.isDefined() ? o.get() : null;
      }
      names.add(name != null ? name : field.name() + "[" + j + "]");
    }
    return names;
  }

  /** The rows as raw examples, their labels read as {@code labels} says. */
  static RawData raw(
      Dataset<Row> df,
      String source,
      FitColumns columns,
      List<String> featureNames,
      Labels labels) {
    int nf = featureNames.size();
    String featuresCol = columns.features();
    String labelCol = columns.label();
    String weightCol = columns.weight();
    int classes = labels.classes();
    int labelSize = labels.vector() ? labels.outputs() : 0;
    boolean binaryLabels = labels.binary();
    JavaRDD<RawExample> rows =
        df.select(col(featuresCol), col(labelCol), weightCol.isEmpty() ? lit(1.0) : col(weightCol))
            .javaRDD()
            .zipWithIndex()
            .map(
                t -> {
                  Row r = t._1();
                  long index = t._2();
                  return new RawExample(
                      index,
                      features(r.get(0), featuresCol, index, nf),
                      labels(r.get(1), labelCol, index, classes, labelSize, binaryLabels),
                      weight(r.get(2), weightCol, index));
                });
    return new RawData(source, featureNames, labels.names(), rows);
  }

  private static double[] features(Object value, String column, long index, int nf) {
    if (!(value instanceof Vector v)) {
      throw new InputException(
          "featuresCol: column '" + column + "': row " + (index + 1) + " is null");
    }
    if (v.size() != nf) {
      throw new InputException(
          "featuresCol: column '"
              + column
              + "': row "
              + (index + 1)
              + " has "
              + v.size()
              + " features, expected "
              + nf
              + " (vectors must all have one size)");
    }
    double[] x = v.toArray();
    for (int j = 0; j < nf; j++) {
      if (!Double.isFinite(x[j])) {
        throw new InputException(
            "featuresCol: column '"
                + column
                + "': row "
                + (index + 1)
                + ", feature "
                + j
                + " is "
                + x[j]
                + ", expected a finite number");
      }
    }
    return x;
  }

  private static double weight(Object value, String column, long index) {
    double w = value == null ? Double.NaN : ((Number) value).doubleValue();
    if (!(w >= 0) || Double.isInfinite(w)) {
      throw new InputException(
          "weightCol: column '"
              + column
              + "': row "
              + (index + 1)
              + " is "
              + (value == null ? "null" : w)
              + ", expected a finite number >= 0");
    }
    return w;
  }

  private static String[] labels(
      Object value, String column, long index, int classes, int labelSize, boolean binary) {
    String where = "labelCol: column '" + column + "': row " + (index + 1);
    if (value == null) {
      throw new InputException(where + " is null");
    }
    if (labelSize > 0) {
      if (!(value instanceof Vector v) || v.size() != labelSize) {
        throw new InputException(where + ": expected a Vector of " + labelSize + " values");
      }
      String[] out = new String[labelSize];
      for (int r = 0; r < labelSize; r++) {
        double y = v.apply(r);
        if (binary ? y != 0 && y != 1 : !Double.isFinite(y)) {
          throw new InputException(
              where + ", label " + r + " is " + y + ", expected " + (binary ? "0 or 1" : "finite"));
        }
        out[r] = Double.toString(y);
      }
      return out;
    }
    double y = ((Number) value).doubleValue();
    if (classes > 0) {
      if (!(y >= 0 && y < classes && y == Math.rint(y))) {
        throw new InputException(
            where + " is " + y + ", expected a class index, an integer in [0, " + classes + ")");
      }
      return new String[] {Long.toString((long) y)};
    }
    if (!Double.isFinite(y)) {
      throw new InputException(where + " is " + y + ", expected a finite number");
    }
    return new String[] {Double.toString(y)};
  }

  /** Class names 0…k−1, so that class index = label value. */
  static List<String> classNames(int k) {
    String[] names = new String[k];
    for (int i = 0; i < k; i++) {
      names[i] = Integer.toString(i);
    }
    return Arrays.asList(names);
  }
}

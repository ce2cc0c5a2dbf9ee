package sparkmlp.spark.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Reads Parquet through Spark SQL: one vector (or number array) column, or numeric feature columns;
 * labels numeric, string or boolean. Row order, hence the index, is the order Spark reads the files
 * in.
 */
final class ParquetReader {

  private ParquetReader() {}

  static RawData read(SparkSession spark, DataSpec spec, InputPath in) {
    String display = in.given();
    Dataset<Row> df;
    try {
      df = spark.read().parquet(in.uri());
    } catch (Exception e) { // schema inference may run a job: SparkException, checked but thrown
      throw new InputException(display + ": cannot read as Parquet: " + firstLine(e), e);
    }
    StructType schema = df.schema();
    List<String> columns = Arrays.asList(schema.fieldNames());
    for (String label : spec.labelColumns()) {
      if (!columns.contains(label)) {
        throw new MissingColumnException(
            display
                + ": no "
                + spec.labelRole()
                + " '"
                + label
                + "'; columns are: "
                + ColumnSelection.list(columns));
      }
      DataType type = schema.apply(label).dataType();
      if (spec.keepOnly()) {
        if (type instanceof ArrayType
            || type instanceof MapType
            || type instanceof StructType
            || type instanceof UserDefinedType) {
          throw new InputException(
              display
                  + ": column to keep '"
                  + label
                  + "' has type "
                  + type.simpleString()
                  + "; expected a number, string, boolean, date or timestamp");
        }
        continue;
      }
      if (!(type instanceof NumericType
          || type instanceof StringType
          || type instanceof BooleanType)) {
        throw new InputException(
            display
                + ": label column '"
                + label
                + "' has type "
                + type.simpleString()
                + "; expected a number or a string");
      }
    }
    List<Column> selected = new ArrayList<>();
    for (String label : spec.labelColumns()) {
      selected.add(df.col(quoted(label)));
    }
    // The vector column is used when the data has it and no feature columns are named (the config
    // defaults it to "features", so its absence is not an error).
    String vector =
        spec.featuresColumn() != null
                && !spec.featuresColumn().isBlank()
                && spec.featureColumns().isEmpty()
                && columns.contains(spec.featuresColumn())
            ? spec.featuresColumn()
            : null;
    VectorValues.Kind kind = null;
    List<String> featureNames;
    if (vector != null) {
      DataType type = schema.apply(vector).dataType();
      kind = VectorValues.kindOf(type);
      if (kind == null) {
        throw new InputException(
            display
                + ": features column '"
                + vector
                + "' has type "
                + type.simpleString()
                + "; expected a vector or an array of numbers");
      }
      selected.add(df.col(quoted(vector)));
      featureNames = null;
    } else {
      ColumnSelection selection =
          ColumnSelection.resolve(
              display, columns, spec.labelColumns(), spec.featureColumns(), spec.keepOnly());
      featureNames = selection.featureNames();
      for (String name : featureNames) {
        DataType type = schema.apply(name).dataType();
        if (!(type instanceof NumericType)) {
          throw new InputException(
              display
                  + ": feature column '"
                  + name
                  + "' has type "
                  + type.simpleString()
                  + "; expected a number"
                  + (VectorValues.kindOf(type) != null
                      ? " (for a column of vectors, make it the features column)"
                      : ""));
        }
        selected.add(df.col(quoted(name)));
      }
    }
    Dataset<Row> table = df.select(selected.toArray(new Column[0]));
    List<Row> head = table.takeAsList(1);
    if (head.isEmpty()) {
      throw new InputException(display + ": no data rows");
    }
    if (vector != null) {
      double[] first = VectorValues.values(head.get(0), spec.labelColumns().size(), kind);
      if (first == null) {
        throw new InputException(
            display + ": row 1: column '" + vector + "' is null or not a well-formed vector");
      }
      featureNames = new ArrayList<>(first.length);
      for (int j = 0; j < first.length; j++) {
        featureNames.add(vector + "[" + j + "]");
      }
    }
    ParquetRowParser parser =
        new ParquetRowParser(
            display,
            spec.labelColumns().toArray(new String[0]),
            featureNames.toArray(new String[0]),
            vector,
            kind,
            spec.keepOnly());
    return new RawData(
        display, featureNames, spec.labelColumns(), table.javaRDD().zipWithIndex().map(parser));
  }

  /** A column name Spark takes literally, dots and all. */
  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String firstLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = String.valueOf(root.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).strip();
  }
}

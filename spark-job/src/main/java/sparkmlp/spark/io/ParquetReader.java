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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Parquet through Spark SQL: one vector (or number array) column, or numeric feature columns;
 * labels numeric, string or boolean. Row order, hence the index, is the order Spark reads the files
 * in. Number columns are read column-wise from Spark's vectorized scan ({@link ParquetColumns})
 * when its plan allows; a vector column, or a plan without column batches (nested types, the
 * vectorized reader turned off), is read as rows ({@link ParquetRowParser}), with the same indices,
 * values and messages.
 */
final class ParquetReader {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetReader.class);

  private ParquetReader() {}

  static RawData read(SparkSession spark, DataSpec spec, InputPath in) {
    String display = in.given();
    Dataset<Row> df = open(spark, in);
    StructType schema = df.schema();
    List<String> columns = Arrays.asList(schema.fieldNames());
    for (String label : spec.labelColumns()) {
      checkLabelColumn(display, spec, schema, columns, label);
    }
    List<Column> selected = new ArrayList<>();
    for (String label : spec.labelColumns()) {
      selected.add(df.col(quoted(label)));
    }
    String vector = vectorColumn(spec, columns);
    VectorValues.Kind kind = null;
    List<String> featureNames = null;
    if (vector != null) {
      kind = vectorKind(display, schema, vector);
      selected.add(df.col(quoted(vector)));
    } else {
      featureNames = numericFeatures(display, spec, schema, columns);
      for (String name : featureNames) {
        selected.add(df.col(quoted(name)));
      }
    }
    Dataset<Row> table = df.select(selected.toArray(new Column[0]));
    if (vector == null) {
      RawData columnWise = columnWise(table, display, spec, featureNames);
      if (columnWise != null) {
        return columnWise;
      }
    } else {
      LOG.debug("{}: read row by row: vector column '{}'", display, vector);
    }
    List<Row> head = table.takeAsList(1);
    if (head.isEmpty()) {
      throw new InputException(display + ": no data rows");
    }
    if (vector != null) {
      featureNames = vectorFeatureNames(display, spec, head.get(0), vector, kind);
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

  /** The table read column-wise ({@link ParquetColumns}), or null where its plan does not allow. */
  private static RawData columnWise(
      Dataset<Row> table, String display, DataSpec spec, List<String> featureNames) {
    ParquetColumns columns =
        ParquetColumns.of(
            table,
            display,
            spec.labelColumns().toArray(new String[0]),
            featureNames.toArray(new String[0]),
            spec.keepOnly());
    if (columns == null) {
      LOG.debug(
          "{}: read row by row: its plan yields no column batches of these columns' types",
          display);
      return null;
    }
    LOG.debug("{}: read column-wise, from the batches of {}", display, columns.source());
    return columns.read(featureNames, spec.labelColumns());
  }

  private static Dataset<Row> open(SparkSession spark, InputPath in) {
    try {
      return spark.read().parquet(in.uri());
    } catch (Exception e) { // schema inference may run a job: SparkException, checked but thrown
      throw new InputException(in.given() + ": cannot read as Parquet: " + firstLine(e), e);
    }
  }

  /** A label (or kept) column must exist and have a type its role accepts. */
  private static void checkLabelColumn(
      String display, DataSpec spec, StructType schema, List<String> columns, String label) {
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
      return;
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

  /**
   * The vector column, used when the data has it and no feature columns are named (the config
   * defaults it to "features", so its absence is not an error); else null.
   */
  private static String vectorColumn(DataSpec spec, List<String> columns) {
    return spec.featuresColumn() != null
            && !spec.featuresColumn().isBlank()
            && spec.featureColumns().isEmpty()
            && columns.contains(spec.featuresColumn())
        ? spec.featuresColumn()
        : null;
  }

  private static VectorValues.Kind vectorKind(String display, StructType schema, String vector) {
    DataType type = schema.apply(vector).dataType();
    VectorValues.Kind kind = VectorValues.kindOf(type);
    if (kind == null) {
      throw new InputException(
          display
              + ": features column '"
              + vector
              + "' has type "
              + type.simpleString()
              + "; expected a vector or an array of numbers");
    }
    return kind;
  }

  /** The selected feature columns, each checked to be numeric. */
  private static List<String> numericFeatures(
      String display, DataSpec spec, StructType schema, List<String> columns) {
    ColumnSelection selection =
        ColumnSelection.resolve(
            display, columns, spec.labelColumns(), spec.featureColumns(), spec.keepOnly());
    List<String> featureNames = selection.featureNames();
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
    }
    return featureNames;
  }

  /** {@code vector[0]}, {@code vector[1]}, ...: as many as the first row's vector has values. */
  private static List<String> vectorFeatureNames(
      String display, DataSpec spec, Row first, String vector, VectorValues.Kind kind) {
    double[] values = VectorValues.values(first, spec.labelColumns().size(), kind);
    if (values == null) {
      throw new InputException(
          display + ": row 1: column '" + vector + "' is null or not a well-formed vector");
    }
    List<String> featureNames = new ArrayList<>(values.length);
    for (int j = 0; j < values.length; j++) {
      featureNames.add(vector + "[" + j + "]");
    }
    return featureNames;
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

package sparkmlp.spark.io;

import java.math.BigDecimal;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Turns one selected Parquet row (label columns first, then the feature columns or the one vector
 * column) and its row number into an example. Messages name {@code path: row N} (1-based).
 */
final class ParquetRowParser implements Function<Tuple2<Row, Long>, RawExample> {

  private static final long serialVersionUID = 1L;

  private final String display;
  private final String[] labelNames;
  private final String[] featureNames;
  private final String vectorColumn;
  private final VectorValues.Kind vectorKind;
  private final boolean keepOnly;

  /**
   * A parser; {@code vectorColumn} null means one numeric column per feature; {@code keepOnly}: the
   * label columns are columns to keep, any value (null as null) allowed.
   */
  ParquetRowParser(
      String display,
      String[] labelNames,
      String[] featureNames,
      String vectorColumn,
      VectorValues.Kind vectorKind,
      boolean keepOnly) {
    this.keepOnly = keepOnly;
    this.display = display;
    this.labelNames = labelNames;
    this.featureNames = featureNames;
    this.vectorColumn = vectorColumn;
    this.vectorKind = vectorKind;
  }

  @Override
  public RawExample call(Tuple2<Row, Long> rowAndIndex) {
    Row row = rowAndIndex._1();
    long index = rowAndIndex._2();
    String where = display + ": row " + (index + 1);
    String[] labels = labels(row, where);
    double[] features = features(row, labels.length, where);
    for (int j = 0; j < features.length; j++) {
      if (!Double.isFinite(features[j])) {
        throw new InputException(
            where
                + ": feature '"
                + featureNames[j]
                + "' is "
                + (Double.isNaN(features[j]) ? "NaN" : "infinite"));
      }
    }
    return new RawExample(index, features, labels);
  }

  private String[] labels(Row row, String where) {
    String[] labels = new String[labelNames.length];
    for (int k = 0; k < labels.length; k++) {
      Object cell = row.get(k);
      if (keepOnly) {
        labels[k] = cell == null ? null : labelText(cell);
        continue;
      }
      if ((cell instanceof Double d && d.isNaN()) || (cell instanceof Float f && f.isNaN())) {
        throw new InputException(where + ": label '" + labelNames[k] + "' is NaN");
      }
      labels[k] = labelText(cell);
      if (labels[k] == null || labels[k].isBlank()) {
        throw new InputException(where + ": empty label in column '" + labelNames[k] + "'");
      }
    }
    return labels;
  }

  /**
   * The features, from the vector column or the feature columns after the labels at {@code first}.
   */
  private double[] features(Row row, int first, String where) {
    if (vectorColumn == null) {
      double[] features = new double[featureNames.length];
      for (int j = 0; j < features.length; j++) {
        Object v = row.get(first + j);
        if (v == null) {
          throw new InputException(where + ": feature '" + featureNames[j] + "' is null");
        }
        features[j] = ((Number) v).doubleValue();
      }
      return features;
    }
    double[] features = VectorValues.values(row, first, vectorKind);
    if (features == null) {
      throw new InputException(
          where
              + ": column '"
              + vectorColumn
              + "' is "
              + (row.isNullAt(first) ? "null" : "not a well-formed vector"));
    }
    if (features.length != featureNames.length) {
      throw new InputException(
          where
              + ": column '"
              + vectorColumn
              + "' has "
              + features.length
              + " values, expected "
              + featureNames.length);
    }
    return features;
  }

  /**
   * A label cell as a token: strings as they are; integral numbers without a fraction (3.0 gives
   * "3", as a CSV or IDX file would have it); other numbers in Java's shortest form.
   */
  static String labelText(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString((long) d);
      }
      return v.toString();
    }
    if (v instanceof BigDecimal b) {
      return b.stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }
}

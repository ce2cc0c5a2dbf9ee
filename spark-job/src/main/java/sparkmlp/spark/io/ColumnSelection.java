package sparkmlp.spark.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of a header (CSV) or schema (Parquet) hold the labels and which the features.
 *
 * @param labelPositions 0-based position of each label column
 * @param featurePositions 0-based position of each feature column
 * @param featureNames the feature columns' names, in feature order
 */
record ColumnSelection(int[] labelPositions, int[] featurePositions, List<String> featureNames) {

  private static final int LISTED = 10;

  /**
   * Finds {@code labels} and {@code features} (empty: every non-label column, in order) among
   * {@code columns}; errors name {@code display}.
   */
  static ColumnSelection resolve(
      String display, List<String> columns, List<String> labels, List<String> features) {
    return resolve(display, columns, labels, features, false);
  }

  /**
   * The same; with {@code keepOnly} the label columns are columns to copy through (see {@link
   * DataSpec#keepOnly}), which may also be features.
   */
  static ColumnSelection resolve(
      String display,
      List<String> columns,
      List<String> labels,
      List<String> features,
      boolean keepOnly) {
    Set<String> seen = new HashSet<>();
    for (String c : columns) {
      if (!seen.add(c)) {
        throw new InputException(display + ": column '" + c + "' appears more than once");
      }
    }
    int[] labelPositions = new int[labels.size()];
    for (int k = 0; k < labels.size(); k++) {
      labelPositions[k] = columns.indexOf(labels.get(k));
      if (labelPositions[k] < 0) {
        throw new MissingColumnException(
            display
                + ": no "
                + (keepOnly ? "column to keep" : "label column")
                + " '"
                + labels.get(k)
                + "'; columns are: "
                + list(columns));
      }
    }
    List<String> names = new ArrayList<>();
    if (features.isEmpty()) {
      for (String c : columns) {
        if (!labels.contains(c)) {
          names.add(c);
        }
      }
    } else {
      for (String f : features) {
        if (!columns.contains(f)) {
          throw new MissingColumnException(
              display + ": no feature column '" + f + "'; columns are: " + list(columns));
        }
        if (!keepOnly && labels.contains(f)) {
          throw new InputException(display + ": column '" + f + "' is both a label and a feature");
        }
        names.add(f);
      }
    }
    if (names.isEmpty()) {
      throw new InputException(
          display + ": no feature columns besides the labels; columns are: " + list(columns));
    }
    int[] featurePositions = names.stream().mapToInt(columns::indexOf).toArray();
    return new ColumnSelection(labelPositions, featurePositions, List.copyOf(names));
  }

  /** Column names for a message: the first ten, then an ellipsis. */
  static String list(List<String> columns) {
    List<String> shown = columns.size() <= LISTED ? columns : columns.subList(0, LISTED);
    return String.join(", ", shown) + (columns.size() > LISTED ? ", …" : "");
  }
}

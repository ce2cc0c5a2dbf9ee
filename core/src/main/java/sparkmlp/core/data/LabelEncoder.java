package sparkmlp.core.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.TreeSet;
import sparkmlp.core.task.Task;

/**
 * Turns raw label tokens into target values: a class index for multiclass, 0/1 for binary (index of
 * the class), 0/1 per column for multilabel, the number itself for regression. Classes are the
 * training data's distinct labels in natural order (numeric when all are numbers) unless given
 * explicitly.
 */
public final class LabelEncoder implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Task task;
  private final List<String> names;
  private final HashMap<String, Integer> index = new HashMap<>();

  private LabelEncoder(Task task, List<String> names) {
    this.task = task;
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
  }

  /** An encoder for a classification task over the given classes, in order. */
  public static LabelEncoder forClasses(Task task, List<String> classes) {
    if (!task.isClassification()) {
      throw new IllegalArgumentException("task " + task.id() + " has no classes");
    }
    if (task == Task.BINARY && classes.size() != 2) {
      throw new IllegalArgumentException(
          "a binary task needs exactly 2 classes, found "
              + classes.size()
              + ": "
              + preview(classes));
    }
    if (task == Task.MULTICLASS && classes.size() < 2) {
      throw new IllegalArgumentException(
          "a multiclass task needs at least 2 classes, found "
              + classes.size()
              + ": "
              + preview(classes));
    }
    if (classes.stream().distinct().count() != classes.size()) {
      throw new IllegalArgumentException("class names must be distinct, found " + preview(classes));
    }
    return new LabelEncoder(task, classes);
  }

  /** An encoder for multilabel or regression targets named after their columns. */
  public static LabelEncoder forColumns(Task task, List<String> columns) {
    if (task.isClassification()) {
      throw new IllegalArgumentException(
          "task " + task.id() + " needs classes, not target columns");
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("expected at least one target column, found none");
    }
    return new LabelEncoder(task, columns);
  }

  /**
   * The distinct labels in natural order: numerically when every label is a number, else as
   * strings.
   */
  public static List<String> sortedClasses(Collection<String> labels) {
    boolean numeric = labels.stream().allMatch(LabelEncoder::isNumber);
    Comparator<String> order =
        numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
    TreeSet<String> set = new TreeSet<>(order);
    set.addAll(labels);
    return new ArrayList<>(set);
  }

  public Task task() {
    return task;
  }

  /** Class names (classification) or target column names. */
  public List<String> names() {
    return names;
  }

  /** Rows of a target column: 1 for classification, one per column otherwise. */
  public int targetRows() {
    return task.isClassification() ? 1 : names.size();
  }

  /** Output units of the network. */
  public int outputUnits() {
    return task.isClassification() ? task.outputUnits(names.size()) : names.size();
  }

  /** Writes the targets for one example's label tokens into y[off…]. */
  public void encode(String[] labels, double[] y, int off) {
    if (task.isClassification()) {
      if (labels.length != 1) {
        throw new IllegalArgumentException("expected one label, found " + labels.length);
      }
      Integer k = index.get(labels[0]);
      if (k == null) {
        k = numericMatch(labels[0]);
      }
      if (k == null) {
        throw new IllegalArgumentException(
            "label '"
                + labels[0]
                + "' is not one of the classes seen in training: "
                + preview(names));
      }
      y[off] = k;
      return;
    }
    if (labels.length != names.size()) {
      throw new IllegalArgumentException(
          "expected " + names.size() + " target values, found " + labels.length);
    }
    for (int r = 0; r < labels.length; r++) {
      double v = parseTarget(labels[r], names.get(r));
      if (task == Task.MULTILABEL && v != 0 && v != 1) {
        throw new IllegalArgumentException(
            "label column '" + names.get(r) + "': expected 0 or 1, found '" + labels[r] + "'");
      }
      y[off + r] = v;
    }
  }

  /** "2.0" matches class "2" when classes are numbers. */
  private Integer numericMatch(String label) {
    if (!isNumber(label)) {
      return null;
    }
    double v = Double.parseDouble(label);
    for (int i = 0; i < names.size(); i++) {
      if (isNumber(names.get(i)) && Double.parseDouble(names.get(i)) == v) {
        return i;
      }
    }
    return null;
  }

  private static double parseTarget(String token, String column) {
    String t = token.trim();
    if (t.equalsIgnoreCase("true")) {
      return 1;
    }
    if (t.equalsIgnoreCase("false")) {
      return 0;
    }
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "target column '" + column + "': expected a number, found '" + token + "'");
    }
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(
          "target column '" + column + "': expected a finite number, found '" + token + "'");
    }
    return v;
  }

  static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s.trim()));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String preview(List<String> items) {
    List<String> head = items.size() > 10 ? items.subList(0, 10) : items;
    return String.join(", ", head) + (items.size() > 10 ? ", …" : "");
  }
}

package sparkmlp.spark.io;

import java.util.Arrays;

/**
 * Parses LibSVM lines, {@code label index:value index:value ...} with 1-based ascending indices, as
 * one example each. A {@code #} starts a comment; an svmlight {@code qid:} token is skipped.
 */
final class LibSvmLine implements TextInput.LineFormat {

  private static final long serialVersionUID = 1L;

  private final String[] displays;
  private final int width;

  /** A format of dense vectors of {@code width} features. */
  LibSvmLine(String[] displays, int width) {
    this.displays = displays;
    this.width = width;
  }

  /** True if the line holds an example (not blank, not only a comment). */
  static boolean isData(String line) {
    int hash = line.indexOf('#');
    int n = hash < 0 ? line.length() : hash;
    return skipBlanks(line, 0, n) < n;
  }

  @Override
  public int numFeatures() {
    return width;
  }

  @Override
  public int numLabels() {
    return 1;
  }

  @Override
  public TextInput.LineParser open() {
    LabelTokens tokens = new LabelTokens();
    return (file, line, text, features, labels) -> {
      Arrays.fill(features, 0.0);
      parse(text.toString(), displays[file], line, width, features, labels, tokens);
    };
  }

  /** The largest feature index on a line, checking the line fully; for inferring the width. */
  static int maxIndex(String text, String display, long line) {
    return parse(text, display, line, 0, null, new String[1], null);
  }

  /**
   * Parses a line: stores the label in {@code label[0]} and, when {@code features} is not null, the
   * values; {@code width} 0 means no upper bound. Returns the largest index (0 if none).
   */
  private static int parse(
      String text,
      String display,
      long line,
      int width,
      double[] features,
      String[] label,
      LabelTokens tokens) {
    int hash = text.indexOf('#');
    int n = hash < 0 ? text.length() : hash;
    int i = skipBlanks(text, 0, n);
    int end = tokenEnd(text, i, n);
    label[0] = label(text, i, end, display, line, tokens);
    int previous = 0;
    boolean firstPair = true;
    for (i = skipBlanks(text, end, n); i < n; i = skipBlanks(text, end, n)) {
      end = tokenEnd(text, i, n);
      if (firstPair && text.startsWith("qid:", i)) {
        firstPair = false;
        continue;
      }
      firstPair = false;
      int colon = text.indexOf(':', i);
      colon = colon < end ? colon - i : -1;
      int index = colon > 0 ? parseIndex(text, i, colon) : -1;
      if (index < 0) {
        throw badPair(text, i, end, display, line);
      }
      double value = DecimalFastPath.parse(text, i + colon + 1, end);
      if (Double.isNaN(value)) {
        try {
          value = NumberCell.value(text.substring(i + colon + 1, end));
        } catch (NumberFormatException e) {
          throw badPair(text, i, end, display, line);
        }
      }
      checkFeature(display, line, width, previous, index, value);
      if (features != null) {
        features[index - 1] = value;
      }
      previous = index;
    }
    return previous;
  }

  private static InputException badPair(String text, int from, int to, String display, long line) {
    return new InputException(
        display
            + ":"
            + line
            + ": bad libsvm pair '"
            + NumberCell.shown(text.substring(from, to))
            + "'");
  }

  /** The line's first token, which must be a label, not an index:value pair. */
  private static String label(
      String text, int from, int to, String display, long line, LabelTokens tokens) {
    int colon = text.indexOf(':', from);
    if (colon >= 0 && colon < to) {
      throw new InputException(
          display
              + ":"
              + line
              + ": expected a label before the features, found '"
              + NumberCell.shown(text.substring(from, to))
              + "'");
    }
    return tokens == null ? text.substring(from, to) : tokens.of(text, from, to);
  }

  /** A pair's index must be in range and above the previous one, its value finite. */
  private static void checkFeature(
      String display, long line, int width, int previous, int index, double value) {
    if (index < 1 || (width > 0 && index > width)) {
      throw new InputException(
          display
              + ":"
              + line
              + ": feature index "
              + index
              + " out of range"
              + (width > 0 ? " 1.." + width : "; indices start at 1"));
    }
    if (index <= previous) {
      throw new InputException(
          display
              + ":"
              + line
              + ": feature indices not ascending: "
              + index
              + " after "
              + previous);
    }
    if (!Double.isFinite(value)) {
      throw new InputException(
          display
              + ":"
              + line
              + ": feature "
              + index
              + " is "
              + (Double.isNaN(value) ? "NaN" : "infinite"));
    }
  }

  /**
   * The index in the {@code colon} characters from {@code from}: digits only, at most 9; else -1.
   */
  private static int parseIndex(String text, int from, int colon) {
    if (colon > 9) {
      return -1;
    }
    int index = 0;
    for (int k = from; k < from + colon; k++) {
      char c = text.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      index = index * 10 + (c - '0');
    }
    return index;
  }

  private static int skipBlanks(String s, int i, int n) {
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int tokenEnd(String s, int i, int n) {
    while (i < n && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}

package sparkmlp.spark.io;

/**
 * Parses LibSVM lines, {@code label index:value index:value ...} with 1-based ascending indices, as
 * one example each. A {@code #} starts a comment; an svmlight {@code qid:} token is skipped.
 */
final class LibSvmLine implements TextInput.LineFunction<RawExample> {

  private static final long serialVersionUID = 1L;

  private final String[] displays;
  private final int width;

  /** A parser into dense vectors of {@code width} features. */
  LibSvmLine(String[] displays, int width) {
    this.displays = displays;
    this.width = width;
  }

  /** True if the line holds an example (not blank, not only a comment). */
  static boolean isData(String line) {
    int hash = line.indexOf('#');
    return !(hash < 0 ? line : line.substring(0, hash)).isBlank();
  }

  @Override
  public RawExample apply(int file, long line, long index, String text) {
    double[] features = new double[width];
    String[] label = new String[1];
    parse(text, displays[file], line, width, features, label);
    return new RawExample(index, features, label);
  }

  /** The largest feature index on a line, checking the line fully; for inferring the width. */
  static int maxIndex(String text, String display, long line) {
    return parse(text, display, line, 0, null, new String[1]);
  }

  /**
   * Parses a line: stores the label in {@code label[0]} and, when {@code features} is not null, the
   * values; {@code width} 0 means no upper bound. Returns the largest index (0 if none).
   */
  private static int parse(
      String text, String display, long line, int width, double[] features, String[] label) {
    int hash = text.indexOf('#');
    String body = hash < 0 ? text : text.substring(0, hash);
    int n = body.length();
    int i = skipBlanks(body, 0);
    int end = tokenEnd(body, i);
    label[0] = label(body.substring(i, end), display, line);
    int previous = 0;
    boolean firstPair = true;
    for (i = skipBlanks(body, end); i < n; i = skipBlanks(body, end)) {
      end = tokenEnd(body, i);
      String pair = body.substring(i, end);
      if (firstPair && pair.startsWith("qid:")) {
        firstPair = false;
        continue;
      }
      firstPair = false;
      int colon = pair.indexOf(':');
      int index = colon > 0 ? parseIndex(pair, colon) : -1;
      double value;
      try {
        value = index < 0 ? Double.NaN : NumberCell.value(pair.substring(colon + 1));
      } catch (NumberFormatException e) {
        index = -1;
        value = Double.NaN;
      }
      if (index < 0) {
        throw new InputException(
            display + ":" + line + ": bad libsvm pair '" + NumberCell.shown(pair) + "'");
      }
      checkFeature(display, line, width, previous, index, value);
      if (features != null) {
        features[index - 1] = value;
      }
      previous = index;
    }
    return previous;
  }

  /** The line's first token, which must be a label, not an index:value pair. */
  private static String label(String first, String display, long line) {
    if (first.indexOf(':') >= 0) {
      throw new InputException(
          display
              + ":"
              + line
              + ": expected a label before the features, found '"
              + NumberCell.shown(first)
              + "'");
    }
    return first;
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

  /** The index before {@code colon}: digits only, at most 9 of them; else -1. */
  private static int parseIndex(String pair, int colon) {
    if (colon > 9) {
      return -1;
    }
    int index = 0;
    for (int k = 0; k < colon; k++) {
      char c = pair.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      index = index * 10 + (c - '0');
    }
    return index;
  }

  private static int skipBlanks(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int tokenEnd(String s, int i) {
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}

package sparkmlp.spark.io;

/**
 * Reads the text of a numeric cell strictly: decimal or scientific notation only (no Java-isms such
 * as {@code 1f} or hex), with {@code NaN}, {@code inf} and {@code Infinity} recognised in any case
 * so they can be reported as such rather than as "not a number".
 */
final class NumberCell {

  private static final int SHOWN = 40;

  private NumberCell() {}

  /**
   * The value of {@code text} (surrounding blanks ignored); NaN and infinities are returned, not
   * rejected.
   */
  static double value(String text) {
    String s = text.strip();
    String unsigned = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    if (unsigned.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
      return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!isDecimal(s)) {
      throw new NumberFormatException(s);
    }
    return Double.parseDouble(s);
  }

  /** A feature cell of a CSV row: a finite number, else an error at {@code display:line:column}. */
  static double feature(String text, String display, long line, int column, String name) {
    double v;
    try {
      v = value(text);
    } catch (NumberFormatException e) {
      throw new InputException(
          display
              + ":"
              + line
              + ":"
              + column
              + ": expected a number in column '"
              + name
              + "', found '"
              + shown(text.strip())
              + "'");
    }
    if (!Double.isFinite(v)) {
      throw new InputException(
          display
              + ":"
              + line
              + ":"
              + column
              + ": feature '"
              + name
              + "' is "
              + (Double.isNaN(v) ? "NaN" : "infinite"));
    }
    return v;
  }

  /** {@code text}, cut to a readable length for a message. */
  static String shown(String text) {
    return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
  }

  private static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

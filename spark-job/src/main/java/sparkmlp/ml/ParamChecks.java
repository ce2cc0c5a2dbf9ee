package sparkmlp.ml;

import java.util.Arrays;
import java.util.Locale;

/**
 * The checks the params' setters share: each throws an {@link IllegalArgumentException} naming the
 * param, the expected and the found value.
 */
final class ParamChecks {
  private ParamChecks() {}

  static String column(String param, String v) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          "param " + param + ": expected a column name, found " + (v == null ? "null" : "''"));
    }
    return v;
  }

  static int atLeast(String param, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(
          "param " + param + ": expected an integer >= " + min + ", found " + v);
    }
    return v;
  }

  /** A finite number in the interval from lower to upper, each end open or closed. */
  static double in(
      String param,
      double v,
      double lower,
      boolean lowerClosed,
      double upper,
      boolean upperClosed) {
    boolean aboveLower = lowerClosed ? v >= lower : v > lower;
    boolean belowUpper = upperClosed ? v <= upper : v < upper;
    if (!aboveLower || !belowUpper || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          "param "
              + param
              + ": expected a number in "
              + (lowerClosed ? "[" : "(")
              + bound(lower)
              + ", "
              + bound(upper)
              + (upperClosed ? "]" : ")")
              + ", found "
              + v);
    }
    return v;
  }

  /** A finite number {@code >= min}. */
  static double atLeast(String param, double v, double min) {
    if (!(v >= min) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          "param " + param + ": expected a number >= " + bound(min) + ", found " + v);
    }
    return v;
  }

  static void positive(String param, int[] v) {
    for (int units : v) {
      if (units < 1) {
        throw new IllegalArgumentException(
            "param " + param + ": expected sizes >= 1, found " + Arrays.toString(v));
      }
    }
  }

  static String oneOf(String param, String v, String[] allowed) {
    String s = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
    if (!Arrays.asList(allowed).contains(s)) {
      throw new IllegalArgumentException(
          "param "
              + param
              + ": expected one of "
              + String.join(", ", allowed)
              + ", found '"
              + v
              + "'");
    }
    return s;
  }

  private static String bound(double b) {
    return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
  }
}

package sparkmlp.spark.io;

/**
 * Reads the common shape of a decimal cell without allocating: up to 18 digits, an optional point
 * and a short exponent, whose digits as an integer m fit in 53 bits and whose power of ten is at
 * most 22 away. Then m and 10^|e| are exact doubles and one IEEE multiplication or division rounds
 * the exact value correctly (Clinger 1990, "How to read floating point numbers accurately"), so the
 * result is bit for bit {@link Double#parseDouble}'s. Anything else is left to {@link NumberCell}.
 */
final class DecimalFastPath {

  /** What {@link #parse} returns for text it leaves to the full parser (never a parsed value). */
  static final double NOT_FAST = Double.NaN;

  private static final long MAX_EXACT = 1L << 53;
  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private DecimalFastPath() {}

  /**
   * The value of {@code s[from, to)} (no surrounding blanks), or {@link #NOT_FAST} when the text is
   * not a plain decimal within the fast path's range (including every malformed cell).
   */
  static double parse(CharSequence s, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int scale = 0;
    for (; i < to && isDigit(s.charAt(i)); i++, digits++) {
      m = m * 10 + (s.charAt(i) - '0');
    }
    if (i < to && s.charAt(i) == '.') {
      for (i++; i < to && isDigit(s.charAt(i)); i++, digits++, scale++) {
        m = m * 10 + (s.charAt(i) - '0');
      }
    }
    if (digits == 0 || digits > 18) {
      return NOT_FAST;
    }
    int exponent = 0;
    if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        negativeExponent = s.charAt(i) == '-';
        i++;
      }
      int start = i;
      for (; i < to && isDigit(s.charAt(i)) && i - start < 4; i++) {
        exponent = exponent * 10 + (s.charAt(i) - '0');
      }
      if (i == start) {
        return NOT_FAST;
      }
      exponent = negativeExponent ? -exponent : exponent;
    }
    if (i != to || m > MAX_EXACT) {
      return NOT_FAST;
    }
    return scaled(m, exponent - scale, negative);
  }

  /**
   * The value of the ASCII text {@code s[from, to)} (no surrounding blanks), as {@link
   * #parse(CharSequence, int, int)} reads the same characters: any byte outside ASCII leaves the
   * cell to the full parser.
   */
  static double parse(byte[] s, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (s[i] == '+' || s[i] == '-')) {
      negative = s[i] == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int scale = 0;
    for (; i < to && isDigit(s[i]); i++, digits++) {
      m = m * 10 + (s[i] - '0');
    }
    if (i < to && s[i] == '.') {
      for (i++; i < to && isDigit(s[i]); i++, digits++, scale++) {
        m = m * 10 + (s[i] - '0');
      }
    }
    if (digits == 0 || digits > 18) {
      return NOT_FAST;
    }
    int exponent = 0;
    if (i < to && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < to && (s[i] == '+' || s[i] == '-')) {
        negativeExponent = s[i] == '-';
        i++;
      }
      int start = i;
      for (; i < to && isDigit(s[i]) && i - start < 4; i++) {
        exponent = exponent * 10 + (s[i] - '0');
      }
      if (i == start) {
        return NOT_FAST;
      }
      exponent = negativeExponent ? -exponent : exponent;
    }
    if (i != to || m > MAX_EXACT) {
      return NOT_FAST;
    }
    return scaled(m, exponent - scale, negative);
  }

  /** m · 10^e with the sign, when m and 10^|e| are exact doubles; else {@link #NOT_FAST}. */
  private static double scaled(long m, int e, boolean negative) {
    double v = m;
    if (m == 0 || e == 0) {
      // 0 with any exponent is 0; the sign is kept below, as Double.parseDouble keeps it.
    } else if (e > 0 && e < POWERS.length) {
      v *= POWERS[e];
    } else if (e < 0 && -e < POWERS.length) {
      v /= POWERS[-e];
    } else {
      return NOT_FAST;
    }
    return negative ? -v : v;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

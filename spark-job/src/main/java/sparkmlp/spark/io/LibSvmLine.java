package sparkmlp.spark.io;

import java.util.Arrays;
import org.apache.hadoop.io.Text;

/**
 * Parses LibSVM lines, {@code label index:value index:value ...} with 1-based ascending indices, as
 * one example each. A {@code #} starts a comment; an svmlight {@code qid:} token is skipped. The
 * common line (ASCII, plain decimals, every pair valid) is read straight from its bytes, decimals
 * by {@link DecimalFastPath}, with no {@code String} per line or token; any other is read in full
 * by the general parser, in place through {@link AsciiLine} when ASCII, else decoded first, which
 * gives every value and message of the text.
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
  static boolean isData(Text line) {
    byte[] b = line.getBytes();
    int n = line.getLength();
    for (int i = 0; i < n && b[i] != '#'; i++) {
      if (b[i] < 0) {
        return isData(line.toString());
      }
      if (!isWhitespace((char) b[i])) {
        return true;
      }
    }
    return false;
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
    AsciiLine ascii = new AsciiLine();
    return (file, line, text, features, labels) -> {
      Arrays.fill(features, 0.0);
      if (plain(text.getBytes(), text.getLength(), width, features, labels, tokens) < 0) {
        Arrays.fill(features, 0.0);
        parse(ascii.of(text), displays[file], line, width, features, labels, tokens);
      }
    };
  }

  /**
   * The largest feature index of each line, checking the line fully: the measure that infers the
   * width.
   */
  static TextInput.LineMeasure maxIndex(String[] displays) {
    return () -> {
      AsciiLine ascii = new AsciiLine();
      String[] label = new String[1];
      LabelTokens tokens = new LabelTokens();
      return (file, line, text) -> {
        int max = plain(text.getBytes(), text.getLength(), 0, null, label, tokens);
        return max >= 0 ? max : parse(ascii.of(text), displays[file], line, 0, null, label, tokens);
      };
    };
  }

  /**
   * Parses the common line in its bytes, as {@link #parse} would: ASCII, plain decimals, every pair
   * valid. Returns the largest index (0 if none), or -1 for any other line, which {@link #parse}
   * then reads (and reports) in full; {@code features} may then hold part of the line.
   */
  private static int plain(
      byte[] b, int length, int width, double[] features, String[] label, LabelTokens tokens) {
    int n = length;
    int i = skipBlanks(b, 0, n);
    int end = tokenEnd(b, i, n);
    if (end < 0) {
      return -1;
    }
    for (int k = i; k < end; k++) {
      if (b[k] == ':') {
        return -1;
      }
    }
    label[0] = tokens.of(b, i, end);
    int previous = 0;
    for (i = skipBlanks(b, end, n); i < n && b[i] != '#'; i = skipBlanks(b, end, n)) {
      end = tokenEnd(b, i, n);
      if (end < 0) {
        return -1;
      }
      int index = 0;
      int k = i;
      for (; k < end && k - i < 9 && b[k] >= '0' && b[k] <= '9'; k++) {
        index = index * 10 + (b[k] - '0');
      }
      if (k == i || k >= end || b[k] != ':') {
        return -1; // no digits, more than 9, a qid: token, or a bad pair
      }
      double value = DecimalFastPath.parse(b, k + 1, end);
      if (Double.isNaN(value) || index < 1 || (width > 0 && index > width) || index <= previous) {
        return -1;
      }
      if (features != null) {
        features[index - 1] = value;
      }
      previous = index;
    }
    return previous;
  }

  private static int skipBlanks(byte[] b, int i, int n) {
    while (i < n && isWhitespace((char) b[i])) {
      i++;
    }
    return i;
  }

  /** Where the token at {@code i} ends: a blank, a {@code #} or the end; -1 at a non-ASCII byte. */
  private static int tokenEnd(byte[] b, int i, int n) {
    for (; i < n; i++) {
      byte c = b[i];
      if (c < 0) {
        return -1;
      }
      if (c == '#' || isWhitespace((char) c)) {
        return i;
      }
    }
    return i;
  }

  /**
   * Parses a line: stores the label in {@code label[0]} and, when {@code features} is not null, the
   * values; {@code width} 0 means no upper bound. Returns the largest index (0 if none).
   */
  private static int parse(
      CharSequence text,
      String display,
      long line,
      int width,
      double[] features,
      String[] label,
      LabelTokens tokens) {
    int hash = indexOf(text, '#', 0, text.length());
    int n = hash < 0 ? text.length() : hash;
    int i = skipBlanks(text, 0, n);
    int end = tokenEnd(text, i, n);
    label[0] = label(text, i, end, display, line, tokens);
    int previous = 0;
    boolean firstPair = true;
    for (i = skipBlanks(text, end, n); i < n; i = skipBlanks(text, end, n)) {
      end = tokenEnd(text, i, n);
      if (firstPair && isQid(text, i, end)) {
        firstPair = false;
        continue;
      }
      firstPair = false;
      int colon = indexOf(text, ':', i, end);
      colon = colon < 0 ? -1 : colon - i;
      int index = colon > 0 ? parseIndex(text, i, colon) : -1;
      if (index < 0) {
        throw badPair(text, i, end, display, line);
      }
      double value = DecimalFastPath.parse(text, i + colon + 1, end);
      if (Double.isNaN(value)) {
        try {
          value = NumberCell.value(text.subSequence(i + colon + 1, end).toString());
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

  private static InputException badPair(
      CharSequence text, int from, int to, String display, long line) {
    return new InputException(
        display
            + ":"
            + line
            + ": bad libsvm pair '"
            + NumberCell.shown(text.subSequence(from, to).toString())
            + "'");
  }

  /** The line's first token, which must be a label, not an index:value pair. */
  private static String label(
      CharSequence text, int from, int to, String display, long line, LabelTokens tokens) {
    if (indexOf(text, ':', from, to) >= 0) {
      throw new InputException(
          display
              + ":"
              + line
              + ": expected a label before the features, found '"
              + NumberCell.shown(text.subSequence(from, to).toString())
              + "'");
    }
    return tokens.of(text, from, to);
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
  private static int parseIndex(CharSequence text, int from, int colon) {
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

  /** True if the token {@code s[i, end)} starts with {@code qid:}. */
  private static boolean isQid(CharSequence s, int i, int end) {
    return end - i >= 4
        && s.charAt(i) == 'q'
        && s.charAt(i + 1) == 'i'
        && s.charAt(i + 2) == 'd'
        && s.charAt(i + 3) == ':';
  }

  /** The first position of {@code c} in {@code s[from, to)}, else -1. */
  private static int indexOf(CharSequence s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static int skipBlanks(CharSequence s, int i, int n) {
    while (i < n && isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int tokenEnd(CharSequence s, int i, int n) {
    while (i < n && !isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@link Character#isWhitespace}, its ASCII cases without the call. */
  private static boolean isWhitespace(char c) {
    return c < 128 ? (c >= 9 && c <= 13) || (c >= 28 && c <= 32) : Character.isWhitespace(c);
  }
}

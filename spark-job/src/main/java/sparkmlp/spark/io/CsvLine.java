package sparkmlp.spark.io;

import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import org.apache.hadoop.io.Text;

/**
 * Parses CSV data lines, as the UTF-8 bytes Hadoop reads them, into a cursor's buffers, each file
 * with its own column positions. The fields of a line are found first (where each starts and ends,
 * quotes checked as {@link CsvFields#split} checks them), then the field count, then the cells in
 * feature order: the errors and their order are those of splitting into strings, without a string
 * per line or per cell. The separators, quotes and blanks are ASCII, which UTF-8 never uses inside
 * a longer character, so the fields are found in the bytes as in the text. A plain decimal cell is
 * read in place ({@link DecimalFastPath}); any other is decoded and goes through {@link
 * NumberCell}, and a label with a byte beyond ASCII is decoded, so every value and message is the
 * text's.
 */
final class CsvLine implements TextInput.LineFormat {

  private static final long serialVersionUID = 1L;

  /**
   * Where one file keeps its columns.
   *
   * @param fields the header's field count
   * @param labels position of each label column
   * @param features position of each feature column
   */
  record Layout(int fields, int[] labels, int[] features) implements java.io.Serializable {}

  private final String[] displays;
  private final Layout[] layouts;
  private final String[] featureNames;
  private final boolean keepOnly;
  private final boolean labelsOnly;

  /**
   * A format; {@code keepOnly}: the label columns are columns to keep, blank values (null) allowed.
   */
  CsvLine(String[] displays, Layout[] layouts, String[] featureNames, boolean keepOnly) {
    this(displays, layouts, featureNames, keepOnly, false);
  }

  private CsvLine(
      String[] displays,
      Layout[] layouts,
      String[] featureNames,
      boolean keepOnly,
      boolean labelsOnly) {
    this.displays = displays;
    this.layouts = layouts;
    this.featureNames = featureNames;
    this.keepOnly = keepOnly;
    this.labelsOnly = labelsOnly;
  }

  @Override
  public TextInput.LineFormat labelsOnly() {
    return new CsvLine(displays, layouts, featureNames, keepOnly, true);
  }

  @Override
  public int numFeatures() {
    return featureNames.length;
  }

  @Override
  public int numLabels() {
    return layouts[0].labels().length;
  }

  @Override
  public TextInput.LineParser open() {
    return new Parser();
  }

  /** One partition's parser: the field bounds of the current line, reused from line to line. */
  private final class Parser implements TextInput.LineParser {
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] quoted = new boolean[16];
    private int count;
    private final LabelTokens tokens = new LabelTokens();

    @Override
    public void parse(int file, long line, Text text, double[] features, String[] labels) {
      String display = displays[file];
      Layout layout = layouts[file];
      byte[] b = text.getBytes();
      split(b, text.getLength(), display, line);
      if (count != layout.fields()) {
        throw new InputException(
            display
                + ":"
                + line
                + ": expected "
                + layout.fields()
                + " fields as in the header, found "
                + count);
      }
      int[] positions = layout.features();
      for (int j = 0; !labelsOnly && j < features.length; j++) {
        features[j] = feature(b, positions[j], display, line, featureNames[j]);
      }
      for (int k = 0; k < labels.length; k++) {
        int c = layout.labels()[k];
        String label = label(b, c);
        if (label.isEmpty()) {
          if (!keepOnly) {
            throw new InputException(display + ":" + line + ":" + (c + 1) + ": empty label");
          }
          label = null; // a blank cell to keep stays blank in the output
        }
        labels[k] = label;
      }
    }

    private double feature(byte[] b, int c, String display, long line, String name) {
      if (!quoted[c]) {
        int from = starts[c];
        int to = ends[c];
        while (from < to && isAsciiWhitespace(b[from])) {
          from++;
        }
        while (to > from && isAsciiWhitespace(b[to - 1])) {
          to--;
        }
        double v = DecimalFastPath.parse(b, from, to);
        if (!Double.isNaN(v)) {
          return v;
        }
      }
      return NumberCell.feature(field(b, c), display, line, c + 1, name);
    }

    private String label(byte[] b, int c) {
      if (quoted[c]) {
        return field(b, c).strip();
      }
      int from = starts[c];
      int to = ends[c];
      for (int i = from; i < to; i++) {
        if (b[i] < 0) {
          // Beyond ASCII: decoded, then trimmed of any Unicode blank, as a string always was.
          String s = decode(b, from, to).strip();
          return tokens.of(s, 0, s.length());
        }
      }
      while (from < to && isAsciiWhitespace(b[from])) {
        from++;
      }
      while (to > from && isAsciiWhitespace(b[to - 1])) {
        to--;
      }
      return tokens.of(b, from, to);
    }

    /** Field c as a string, as {@link CsvFields#split} returns it. */
    private String field(byte[] b, int c) {
      String text = decode(b, starts[c], ends[c]);
      return quoted[c] ? text.replace("\"\"", "\"") : text.strip();
    }

    /** Finds the fields of a line: unquoted ones from their first non-blank, quoted ones inside. */
    private void split(byte[] b, int n, String display, long line) {
      count = 0;
      int i = 0;
      while (true) {
        while (i < n && isBlank(b[i])) {
          i++;
        }
        if (i < n && b[i] == '"') {
          int start = ++i;
          i = closingQuote(b, n, i, display, line);
          add(start, i, true);
          i++;
          while (i < n && isBlank(b[i])) {
            i++;
          }
          if (i < n && b[i] != ',') {
            throw new InputException(
                display + ":" + line + ":" + count + ": unexpected text after a closing quote");
          }
        } else {
          int end = i;
          while (end < n && b[end] != ',') {
            end++;
          }
          add(i, end, false);
          i = end;
        }
        if (i >= n) {
          return;
        }
        i++;
      }
    }

    /** The position of the quote that closes a field opened before {@code i}. */
    private int closingQuote(byte[] b, int n, int i, String display, long line) {
      while (true) {
        if (i >= n) {
          throw new InputException(
              display + ":" + line + ":" + (count + 1) + ": unterminated quote");
        }
        if (b[i] == '"') {
          if (i + 1 < n && b[i + 1] == '"') {
            i += 2;
            continue;
          }
          return i;
        }
        i++;
      }
    }

    private void add(int start, int end, boolean isQuoted) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, 2 * count);
        ends = Arrays.copyOf(ends, 2 * count);
        quoted = Arrays.copyOf(quoted, 2 * count);
      }
      starts[count] = start;
      ends[count] = end;
      quoted[count] = isQuoted;
      count++;
    }
  }

  /** True if a data line holds anything but blanks ({@code !line.isBlank()} of its text). */
  static boolean isData(Text line) {
    byte[] b = line.getBytes();
    int n = line.getLength();
    for (int i = 0; i < n; i++) {
      if (b[i] < 0) {
        return !line.toString().isBlank();
      }
      if (!isAsciiWhitespace(b[i])) {
        return true;
      }
    }
    return false;
  }

  /** The UTF-8 bytes {@code b[from, to)} as text, decoded as Hadoop decodes a whole line. */
  static String decode(byte[] b, int from, int to) {
    try {
      return Text.decode(b, from, to - from);
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder threw", e);
    }
  }

  /** {@link Character#isWhitespace} of an ASCII byte (false for any other). */
  private static boolean isAsciiWhitespace(byte c) {
    return (c >= 9 && c <= 13) || (c >= 28 && c <= 32);
  }

  private static boolean isBlank(byte c) {
    return c == ' ' || c == '\t';
  }
}

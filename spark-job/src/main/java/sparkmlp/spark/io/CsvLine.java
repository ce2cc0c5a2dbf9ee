package sparkmlp.spark.io;

import java.util.Arrays;

/**
 * Parses CSV data lines into a cursor's buffers, each file with its own column positions. The
 * fields of a line are found first (where each starts and ends, quotes checked as {@link
 * CsvFields#split} checks them), then the field count, then the cells in feature order: the errors
 * and their order are those of splitting into strings, without a string per cell. A plain decimal
 * cell is read in place ({@link DecimalFastPath}); any other goes through {@link NumberCell}.
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
    public void parse(int file, long line, String text, double[] features, String[] labels) {
      String display = displays[file];
      Layout layout = layouts[file];
      split(text, display, line);
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
        features[j] = feature(text, positions[j], display, line, featureNames[j]);
      }
      for (int k = 0; k < labels.length; k++) {
        int c = layout.labels()[k];
        String label = label(text, c);
        if (label.isEmpty()) {
          if (!keepOnly) {
            throw new InputException(display + ":" + line + ":" + (c + 1) + ": empty label");
          }
          label = null; // a blank cell to keep stays blank in the output
        }
        labels[k] = label;
      }
    }

    private double feature(String text, int c, String display, long line, String name) {
      if (!quoted[c]) {
        int from = starts[c];
        int to = ends[c];
        while (from < to && Character.isWhitespace(text.charAt(from))) {
          from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
          to--;
        }
        double v = DecimalFastPath.parse(text, from, to);
        if (!Double.isNaN(v)) {
          return v;
        }
      }
      return NumberCell.feature(field(text, c), display, line, c + 1, name);
    }

    private String label(String text, int c) {
      if (quoted[c]) {
        return field(text, c).strip();
      }
      int from = starts[c];
      int to = ends[c];
      while (from < to && Character.isWhitespace(text.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
        to--;
      }
      return tokens.of(text, from, to);
    }

    /** Field c as a string, as {@link CsvFields#split} returns it. */
    private String field(String text, int c) {
      if (!quoted[c]) {
        return text.substring(starts[c], ends[c]).strip();
      }
      return text.substring(starts[c], ends[c]).replace("\"\"", "\"");
    }

    /** Finds the fields of a line: unquoted ones from their first non-blank, quoted ones inside. */
    private void split(String text, String display, long line) {
      count = 0;
      int n = text.length();
      int i = 0;
      while (true) {
        while (i < n && isBlank(text.charAt(i))) {
          i++;
        }
        if (i < n && text.charAt(i) == '"') {
          int start = ++i;
          i = closingQuote(text, i, display, line);
          add(start, i, true);
          i++;
          while (i < n && isBlank(text.charAt(i))) {
            i++;
          }
          if (i < n && text.charAt(i) != ',') {
            throw new InputException(
                display + ":" + line + ":" + count + ": unexpected text after a closing quote");
          }
        } else {
          int end = text.indexOf(',', i);
          end = end < 0 ? n : end;
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
    private int closingQuote(String text, int i, String display, long line) {
      int n = text.length();
      while (true) {
        if (i >= n) {
          throw new InputException(
              display + ":" + line + ":" + (count + 1) + ": unterminated quote");
        }
        if (text.charAt(i) == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
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

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}

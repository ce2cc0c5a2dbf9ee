package sparkmlp.spark.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Text files read as one RDD of lines (Hadoop's reused UTF-8 buffers, as {@code sc.textFile} reads
 * them before decoding), files in name order, where every data line knows its file, its 1-based
 * line number and its 0-based example index. One counting job on open (what {@code zipWithIndex}
 * would cost) finds where each partition starts; the parsing is lazy.
 */
final class TextInput {

  /** Which lines hold examples (the header, if any, is skipped before this is asked). */
  interface LineFilter extends Serializable {
    boolean isData(Text line);
  }

  /**
   * Measures data lines (e.g. the largest feature index of each); opened once per partition, so its
   * measuring function may keep scratch state.
   */
  interface LineMeasure extends Serializable {
    Measuring open();

    /** The measure of one data line (the reader's buffer, valid for this call). */
    interface Measuring {
      long of(int file, long line, Text text);
    }
  }

  /** Parses data lines into a cursor's buffers; one per partition, so it may keep scratch state. */
  interface LineParser {
    /**
     * Parses {@code text} (the reader's buffer, valid for this call) into {@code features} and
     * {@code labels}; errors name file and line.
     */
    void parse(int file, long line, Text text, double[] features, String[] labels);
  }

  /** Makes each partition's {@link LineParser}: the part of a reader that travels to tasks. */
  interface LineFormat extends Serializable {
    LineParser open();

    int numFeatures();

    int numLabels();

    /** This format for passes that read only the labels (features may be left unparsed). */
    default LineFormat labelsOnly() {
      return this;
    }
  }

  /**
   * Per partition: its file, the lines of that file before it, the examples before it, whether it
   * starts with the header.
   */
  private record Starts(int[] file, long[] line, long[] index, boolean[] header)
      implements Serializable {}

  private final JavaRDD<Text> lines;
  private final LineFilter filter;
  private final Starts starts;
  private final long[] rowsPerFile;

  private TextInput(JavaRDD<Text> lines, LineFilter filter, Starts starts, long[] rowsPerFile) {
    this.lines = lines;
    this.filter = filter;
    this.starts = starts;
    this.rowsPerFile = rowsPerFile;
  }

  /**
   * Opens {@code files} (compressed ones by suffix); {@code header}: each file's first line is a
   * header.
   */
  static TextInput open(
      JavaSparkContext sc, List<InputFile> files, boolean header, LineFilter filter) {
    List<JavaRDD<Text>> parts = new ArrayList<>();
    List<Integer> fileOf = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      // What sc.textFile reads, without decoding each line into a String.
      JavaRDD<Text> part =
          sc.hadoopFile(files.get(f).uri(), TextInputFormat.class, LongWritable.class, Text.class)
              .values();
      for (int k = 0; k < part.getNumPartitions(); k++) {
        fileOf.add(f);
      }
      parts.add(part);
    }
    JavaRDD<Text> lines = parts.size() == 1 ? parts.get(0) : union(sc, parts);
    int n = fileOf.size();
    int[] file = new int[n];
    boolean[] startsWithHeader = new boolean[n];
    for (int p = 0; p < n; p++) {
      file[p] = fileOf.get(p);
      // A file's first split always holds its first line (the split starts at byte 0).
      startsWithHeader[p] = header && (p == 0 || file[p] != file[p - 1]);
    }
    List<long[]> counts =
        lines
            .mapPartitionsWithIndex(
                (p, it) -> {
                  long total = 0;
                  long data = 0;
                  while (it.hasNext()) {
                    Text text = it.next();
                    if (!(total == 0 && startsWithHeader[p]) && filter.isData(text)) {
                      data++;
                    }
                    total++;
                  }
                  return List.of(new long[] {total, data}).iterator();
                },
                false)
            .collect();
    long[] line = new long[n];
    long[] index = new long[n];
    long[] rowsPerFile = new long[files.size()];
    long linesSoFar = 0;
    long rowsSoFar = 0;
    for (int p = 0; p < n; p++) {
      if (p > 0 && file[p] != file[p - 1]) {
        linesSoFar = 0;
      }
      line[p] = linesSoFar;
      index[p] = rowsSoFar;
      linesSoFar += counts.get(p)[0];
      rowsSoFar += counts.get(p)[1];
      rowsPerFile[file[p]] += counts.get(p)[1];
    }
    return new TextInput(
        lines, filter, new Starts(file, line, index, startsWithHeader), rowsPerFile);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static JavaRDD<Text> union(JavaSparkContext sc, List<JavaRDD<Text>> parts) {
    // UnionRDD keeps the partitions of its inputs in order: files stay in name order.
    return sc.union(parts.toArray(new JavaRDD[0]));
  }

  /** Data lines in all files. */
  long rows() {
    long total = 0;
    for (long r : rowsPerFile) {
      total += r;
    }
    return total;
  }

  /**
   * The largest measure of any data line, 0 when there are none: one job, the lines read from their
   * buffers without a {@code String} or a boxed value each.
   */
  long max(LineMeasure measure) {
    Starts s = starts;
    LineFilter f = filter;
    return lines
        .mapPartitionsWithIndex(
            (p, it) -> {
              Located located = new Located(it, s, p, f);
              LineMeasure.Measuring m = measure.open();
              long max = 0;
              while (located.hasNext()) {
                Text text = located.take();
                max = Math.max(max, m.of(located.file, located.line, text));
              }
              return List.of(max).iterator();
            },
            false)
        .fold(0L, Math::max);
  }

  /** The data lines as a scan: every partition's lines parsed by {@code format} into cursors. */
  RowScan scan(LineFormat format) {
    Starts s = starts;
    LineFilter f = filter;
    JavaRDD<Text> text = lines;
    return new RowScan() {
      @Override
      public <T> JavaRDD<T> map(RowScan.Pass<T> pass) {
        return text.mapPartitionsWithIndex(
            (p, it) -> pass.apply(p, new LineCursor(new Located(it, s, p, f), format)), true);
      }

      @Override
      public RowScan labelsOnly() {
        return scan(format.labelsOnly());
      }
    };
  }

  /** One partition's data lines parsed into reused buffers. */
  private static final class LineCursor implements RowCursor {
    private final Located lines;
    private final LineParser parser;
    private final double[] features;
    private final String[] labels;
    private long index;

    LineCursor(Located lines, LineFormat format) {
      this.lines = lines;
      this.parser = format.open();
      this.features = new double[format.numFeatures()];
      this.labels = new String[format.numLabels()];
    }

    @Override
    public boolean next() {
      if (!lines.hasNext()) {
        return false;
      }
      index = lines.index;
      parser.parse(lines.file, lines.line, lines.take(), features, labels);
      return true;
    }

    @Override
    public long index() {
      return index;
    }

    @Override
    public double[] features() {
      return features;
    }

    @Override
    public String[] labels() {
      return labels;
    }

    @Override
    public double weight() {
      return 1.0;
    }
  }

  /** The data lines of one partition, each with its location. */
  private static final class Located {
    private final Iterator<Text> lines;
    private final LineFilter filter;
    private final int file;
    private long line;
    private long index;
    private boolean skipHeader;
    private Text pending;

    Located(Iterator<Text> lines, Starts starts, int partition, LineFilter filter) {
      this.lines = lines;
      this.filter = filter;
      this.file = starts.file()[partition];
      this.line = starts.line()[partition];
      this.index = starts.index()[partition];
      this.skipHeader = starts.header()[partition];
    }

    boolean hasNext() {
      while (pending == null && lines.hasNext()) {
        Text text = lines.next();
        line++;
        if (skipHeader) {
          skipHeader = false;
        } else if (filter.isData(text)) {
          pending = text;
        }
      }
      return pending != null;
    }

    /**
     * The next data line (the reader's buffer, until the next call of {@link #hasNext}), moving the
     * example index on; its line number stays in {@code line}.
     */
    Text take() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Text text = pending;
      pending = null;
      index++;
      return text;
    }
  }
}

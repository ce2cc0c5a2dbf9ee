package sparkmlp.spark.io;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * What a reader yields. {@code rows} is lazy: errors in cells surface when an action runs, as a
 * {@code SparkException} from which {@link InputException#find} recovers the one-line message.
 *
 * @param source the path as the user gave it
 * @param featureNames one name per feature, in the order of {@link RawExample#features()}
 * @param labelNames one name per label column, in the order of {@link RawExample#labels()}
 * @param rows the examples
 * @param scan the same examples, partition for partition, read through reused buffers
 * @param count the number of examples when the reader already knows it (text files count their
 *     lines on open), else −1
 */
public record RawData(
    String source,
    List<String> featureNames,
    List<String> labelNames,
    JavaRDD<RawExample> rows,
    RowScan scan,
    long count) {

  /** Copies the name lists. */
  public RawData {
    featureNames = List.copyOf(featureNames);
    labelNames = List.copyOf(labelNames);
  }

  /** Data read as objects: scanned through its rows, count unknown. */
  public RawData(
      String source, List<String> featureNames, List<String> labelNames, JavaRDD<RawExample> rows) {
    this(source, featureNames, labelNames, rows, RowScan.of(rows), -1);
  }

  /** Data read through a scan: its rows are the scan's examples as objects. */
  static RawData scanned(
      String source, List<String> featureNames, List<String> labelNames, RowScan scan, long count) {
    return new RawData(source, featureNames, labelNames, scan.map(RowScan::examples), scan, count);
  }
}

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
 */
public record RawData(
    String source, List<String> featureNames, List<String> labelNames, JavaRDD<RawExample> rows) {

  /** Copies the name lists. */
  public RawData {
    featureNames = List.copyOf(featureNames);
    labelNames = List.copyOf(labelNames);
  }
}

package sparkmlp.spark.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;

/**
 * Training data ready for the step loop: one cached {@link PartitionData} per partition, optional
 * validation blocks, and what was learnt about the data on the way.
 *
 * @param numTrain training examples (the batch rule's n)
 * @param cachedBytes bytes the cached training blocks hold
 */
public record PreparedData(
    String source,
    List<String> featureNames,
    LabelEncoder encoder,
    Normalizer normalizer,
    long numTrain,
    long numValidation,
    JavaRDD<PartitionData> train,
    JavaRDD<DataBlock> validation,
    DataFingerprint fingerprint,
    long cachedBytes,
    int partitions) {

  /**
   * Generated training blocks that nothing was learnt from (benchmarks): no feature names, label
   * encoder, normaliser, validation set or fingerprint, and no cached bytes counted.
   */
  public static PreparedData generated(
      JavaRDD<PartitionData> train, long numTrain, int partitions) {
    return new PreparedData(
        "generated", null, null, null, numTrain, 0, train, null, null, 0, partitions);
  }

  /** Releases the cached blocks. */
  public void release() {
    train.unpersist(false);
    if (validation != null) {
      validation.unpersist(false);
    }
  }
}

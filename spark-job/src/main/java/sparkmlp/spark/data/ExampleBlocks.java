package sparkmlp.spark.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.ValidationSplit;
import sparkmlp.spark.io.RawData;

/**
 * The passes of {@link DataPreparer} over the raw rows that stay in their input partitions: feature
 * statistics of the training examples, and the validation or evaluation blocks, one per input
 * partition. Every pass reads the rows through their cursors ({@link RawData#scan()}): nothing is
 * allocated per example but what is kept.
 */
final class ExampleBlocks {
  private ExampleBlocks() {}

  /**
   * Statistics of the training examples, each input partition in index order and the partitions
   * merged in order; every row's labels are checked on the way.
   */
  static FeatureStats summarise(RawData raw, RowEncoding encoding) {
    int nf = raw.featureNames().size();
    List<FeatureStats> parts =
        raw.scan()
            .map(
                (p, rows) -> {
                  ValidationSplit split = encoding.split();
                  double[] y = new double[encoding.targetRows()];
                  FeatureStats s = new FeatureStats(nf);
                  while (rows.next()) {
                    encoding.encode(rows, y);
                    if (split.rank(rows.index()) >= 0) {
                      s.add(rows.features(), 0);
                    }
                  }
                  return List.of(s).iterator();
                })
            .collect();
    FeatureStats stats = new FeatureStats(nf);
    for (FeatureStats p : parts) {
      stats.merge(p);
    }
    return stats;
  }

  /**
   * One normalised double block per input partition: its held-out examples ({@code heldOut}), or
   * all of them with their ranks (evaluation, or a separate validation set: fraction 0).
   */
  static JavaRDD<DataBlock> blocks(
      RawData raw, RowEncoding encoding, Normalizer normalizer, boolean heldOut) {
    int nf = raw.featureNames().size();
    return raw.scan()
        .map(
            (p, rows) -> {
              ValidationSplit split = encoding.split();
              double[] x = new double[nf];
              double[] y = new double[encoding.targetRows()];
              RowBlock block = new RowBlock(nf, encoding.targetRows(), false, 64);
              while (rows.next()) {
                encoding.encode(rows, y);
                long rank = split.rank(rows.index());
                if (!heldOut || rank < 0) {
                  System.arraycopy(rows.features(), 0, x, 0, nf);
                  normalizer.apply(x, 0, 1);
                  block.add(x, y, rank, rows.weight());
                }
              }
              return List.of(block.toBlock()).iterator();
            });
  }
}

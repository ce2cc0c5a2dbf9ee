package sparkmlp.spark.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.ValidationSplit;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RawExample;

/**
 * The Spark side of {@link DataPreparer}: raw rows to encoded {@link Example}s with the validation
 * split drawn, one pass for statistics and the fingerprint, and examples stacked into one
 * normalised block per partition.
 */
final class ExampleBlocks {
  private ExampleBlocks() {}

  /** What one pass over the training examples learns: feature statistics and the fingerprint. */
  record TrainSummary(FeatureStats stats, DataFingerprint fingerprint) {}

  static TrainSummary summarise(JavaRDD<Example> trainExamples, int nf) {
    List<Tuple2<FeatureStats, DataFingerprint>> parts =
        trainExamples
            .mapPartitions(
                it -> {
                  FeatureStats s = new FeatureStats(nf);
                  DataFingerprint f = new DataFingerprint();
                  while (it.hasNext()) {
                    Example e = it.next();
                    s.add(e.x(), 0);
                    f.add(e.index(), e.x(), e.y());
                  }
                  return List.of(new Tuple2<>(s, f)).iterator();
                })
            .collect();
    FeatureStats stats = new FeatureStats(nf);
    DataFingerprint fingerprint = new DataFingerprint();
    for (Tuple2<FeatureStats, DataFingerprint> p : parts) {
      stats.merge(p._1());
      fingerprint.merge(p._2());
    }
    return new TrainSummary(stats, fingerprint);
  }

  /**
   * The training examples placed by rank into {@code partitions} partitions, each stacked into one
   * normalised block and cached (not yet computed).
   */
  static JavaRDD<PartitionData> trainBlocks(
      JavaRDD<Example> trainExamples,
      int partitions,
      int nf,
      LabelEncoder encoder,
      Normalizer normalizer,
      boolean floats) {
    int targetRows = encoder.targetRows();
    return trainExamples
        .mapToPair(e -> new Tuple2<>(e.rank(), e))
        .partitionBy(new HashPartitioner(partitions))
        .mapPartitions(
            it ->
                List.of(new PartitionData(stack(values(it), nf, targetRows, normalizer, floats)))
                    .iterator(),
            true)
        .setName("sparkmlp training blocks")
        .persist(StorageLevel.MEMORY_ONLY());
  }

  /**
   * Encodes labels and draws the validation split of {@code total} examples (fraction 0: rank =
   * index).
   */
  static JavaRDD<Example> encode(
      RawData raw, LabelEncoder encoder, long seed, long total, double fraction) {
    String source = raw.source();
    int targetRows = encoder.targetRows();
    return raw.rows()
        .mapPartitions(
            it -> {
              ValidationSplit split = new ValidationSplit(seed, total, fraction);
              List<Example> out = new ArrayList<>();
              while (it.hasNext()) {
                RawExample r = it.next();
                double[] y = new double[targetRows];
                try {
                  encoder.encode(r.labels(), y, 0);
                } catch (IllegalArgumentException e) {
                  throw new InputException(
                      source + ": row " + (r.index() + 1) + ": " + e.getMessage());
                }
                out.add(new Example(r.index(), split.rank(r.index()), r.features(), y, r.weight()));
              }
              return out.iterator();
            });
  }

  static JavaRDD<DataBlock> blocks(
      JavaRDD<Example> examples, int nf, int targetRows, Normalizer normalizer) {
    return examples.mapPartitions(
        it -> List.of(stack(it, nf, targetRows, normalizer, false)).iterator());
  }

  private static Iterator<Example> values(Iterator<Tuple2<Long, Example>> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Example next() {
        return it.next()._2();
      }
    };
  }

  /** Stacks examples column-major into one block, normalising features on the way. */
  static DataBlock stack(
      Iterator<Example> it, int nf, int targetRows, Normalizer normalizer, boolean floats) {
    double[] x = new double[nf * 64];
    double[] y = new double[targetRows * 64];
    long[] ranks = new long[64];
    double[] w = null;
    int n = 0;
    while (it.hasNext()) {
      Example e = it.next();
      if (n == ranks.length) {
        int cap = ranks.length * 2;
        x = Arrays.copyOf(x, nf * cap);
        y = Arrays.copyOf(y, targetRows * cap);
        ranks = Arrays.copyOf(ranks, cap);
        w = w == null ? null : Arrays.copyOf(w, cap);
      }
      if (w == null && e.weight() != 1.0) {
        // Weighted from the first example whose weight is not 1; unweighted data stays unweighted.
        w = new double[ranks.length];
        Arrays.fill(w, 0, n, 1.0);
      }
      if (w != null) {
        w[n] = e.weight();
      }
      System.arraycopy(e.x(), 0, x, n * nf, nf);
      System.arraycopy(e.y(), 0, y, n * targetRows, targetRows);
      ranks[n] = e.rank();
      n++;
    }
    x = Arrays.copyOf(x, n * nf);
    normalizer.apply(x, 0, n);
    y = Arrays.copyOf(y, n * targetRows);
    ranks = Arrays.copyOf(ranks, n);
    DataBlock block;
    if (floats) {
      float[] f = new float[x.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) x[i];
      }
      block = DataBlock.ofFloats(nf, targetRows, f, y, ranks);
    } else {
      block = DataBlock.of(nf, targetRows, x, y, ranks);
    }
    return w == null ? block : block.withWeights(Arrays.copyOf(w, n));
  }
}

package sparkmlp.spark.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.ValidationSplit;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RawExample;

/**
 * How preparation worked before it became one pass, kept as the reference the one-pass blocks must
 * equal: every parsed example an object, shuffled one by one through a {@link HashPartitioner} on
 * its rank, statistics from a separate pass, each partition stacked and then normalised.
 */
final class ShuffledPreparation {
  private ShuffledPreparation() {}

  record Example(long index, long rank, double[] x, double[] y, double weight)
      implements java.io.Serializable {}

  /** What the reference prepares: the normaliser fitted, the training and validation blocks. */
  record Result(
      Normalizer normalizer,
      String fingerprint,
      List<DataBlock> train,
      List<DataBlock> validation) {}

  static Result prepare(
      RawData raw,
      LabelEncoder encoder,
      Normalizer.Kind kind,
      long seed,
      double fraction,
      int partitions,
      boolean floats) {
    int nf = raw.featureNames().size();
    int tr = encoder.targetRows();
    long total = raw.rows().count();
    JavaRDD<Example> examples =
        raw.rows()
            .mapPartitions(
                it -> {
                  ValidationSplit split = new ValidationSplit(seed, total, fraction);
                  List<Example> out = new ArrayList<>();
                  while (it.hasNext()) {
                    RawExample r = it.next();
                    double[] y = new double[tr];
                    encoder.encode(r.labels(), y, 0);
                    out.add(
                        new Example(r.index(), split.rank(r.index()), r.features(), y, r.weight()));
                  }
                  return out.iterator();
                });
    JavaRDD<Example> train = examples.filter(e -> e.rank() >= 0);
    List<Tuple2<FeatureStats, DataFingerprint>> parts =
        train
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
    Normalizer normalizer = Normalizer.fit(kind, stats);
    List<DataBlock> blocks =
        train
            .mapToPair(e -> new Tuple2<>(e.rank(), e))
            .partitionBy(new HashPartitioner(partitions))
            .values()
            .mapPartitions(it -> List.of(stack(it, nf, tr, normalizer, floats)).iterator())
            .collect();
    List<DataBlock> validation =
        examples
            .filter(e -> e.rank() < 0)
            .mapPartitions(it -> List.of(stack(it, nf, tr, normalizer, false)).iterator())
            .collect();
    return new Result(normalizer, fingerprint.hex(), blocks, validation);
  }

  static DataBlock stack(
      Iterator<Example> it, int nf, int tr, Normalizer normalizer, boolean floats) {
    List<Example> all = new ArrayList<>();
    it.forEachRemaining(all::add);
    int n = all.size();
    double[] x = new double[n * nf];
    double[] y = new double[n * tr];
    long[] ranks = new long[n];
    double[] w = new double[n];
    boolean weighted = false;
    for (int i = 0; i < n; i++) {
      Example e = all.get(i);
      System.arraycopy(e.x(), 0, x, i * nf, nf);
      System.arraycopy(e.y(), 0, y, i * tr, tr);
      ranks[i] = e.rank();
      w[i] = e.weight();
      weighted |= e.weight() != 1.0;
    }
    normalizer.apply(x, 0, n);
    DataBlock block;
    if (floats) {
      float[] f = new float[x.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) x[i];
      }
      block = DataBlock.ofFloats(nf, tr, f, y, ranks);
    } else {
      block = DataBlock.of(nf, tr, x, y, ranks);
    }
    return weighted ? block.withWeights(Arrays.copyOf(w, n)) : block;
  }
}

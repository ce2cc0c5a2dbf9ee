package sparkmlp.spark.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.ValidationSplit;
import sparkmlp.spark.io.RawData;

/**
 * The training partitions, built in one pass over the rows: the example of rank r belongs to
 * partition {@code hash(r) mod k} (Spark's {@link HashPartitioner} on the rank, as the examples
 * were once shuffled one by one) at position {@code r div k}. Each input partition parses its rows
 * once, straight into one primitive {@link RowBlock} per training partition (labels encoded,
 * features normalised, in the storage precision, with the fingerprint of the raw examples); those
 * few large arrays are what crosses the shuffle, and each training partition copies its shares into
 * one block of its exact size, ordered by rank. So the blocks hold what they held when the examples
 * themselves were shuffled, for any number of input or training partitions.
 */
final class TrainBlocks {
  private TrainBlocks() {}

  /**
   * The training partition of rank r: Spark's {@code HashPartitioner.getPartition(Long r)}, that is
   * {@code Long.hashCode(r)} modulo k made non-negative, without boxing.
   */
  static int partitionOf(long rank, int partitions) {
    int mod = Long.hashCode(rank) % partitions;
    return mod < 0 ? mod + partitions : mod;
  }

  /** Examples of the {@code numTrain} ranks in training partition {@code q} of {@code k}. */
  static int sizeOf(int q, long numTrain, int k) {
    return q < numTrain ? (int) ((numTrain - 1 - q) / k + 1) : 0;
  }

  /**
   * The training blocks of {@code numTrain} (at most {@link Integer#MAX_VALUE}) examples in {@code
   * partitions} partitions, cached (not yet computed).
   */
  static JavaRDD<PartitionData> build(
      RawData raw,
      RowEncoding encoding,
      Normalizer normalizer,
      long numTrain,
      int partitions,
      boolean floats) {
    int nf = raw.featureNames().size();
    int targetRows = encoding.targetRows();
    JavaRDD<Tuple2<Integer, RowBlock>> shares =
        raw.scan()
            .map(
                (p, rows) -> {
                  ValidationSplit split = encoding.split();
                  double[] x = new double[nf];
                  double[] y = new double[targetRows];
                  RowBlock[] out = new RowBlock[partitions];
                  while (rows.next()) {
                    long rank = split.rank(rows.index());
                    if (rank < 0) {
                      continue;
                    }
                    encoding.encode(rows, y);
                    int q = partitionOf(rank, partitions);
                    if (out[q] == null) {
                      out[q] = new RowBlock(nf, targetRows, floats, 64);
                    }
                    out[q].fingerprint().add(rows.index(), rows.features(), y);
                    System.arraycopy(rows.features(), 0, x, 0, nf);
                    normalizer.apply(x, 0, 1);
                    out[q].add(x, y, rank, rows.weight());
                  }
                  List<Tuple2<Integer, RowBlock>> filled = new ArrayList<>();
                  for (int q = 0; q < partitions; q++) {
                    if (out[q] != null) {
                      filled.add(new Tuple2<>(q, out[q].trim()));
                      out[q] = null;
                    }
                  }
                  return filled.iterator();
                });
    return JavaPairRDD.fromJavaRDD(shares)
        .partitionBy(new HashPartitioner(partitions))
        .values()
        .mapPartitionsWithIndex(
            (q, it) -> {
              DataFingerprint fingerprint = new DataFingerprint();
              DataBlock block =
                  assemble(
                      it,
                      sizeOf(q, numTrain, partitions),
                      new Shape(partitions, nf, targetRows, floats),
                      fingerprint);
              return List.of(new PartitionData(block, fingerprint)).iterator();
            },
            true)
        .setName("sparkmlp training blocks")
        .persist(StorageLevel.MEMORY_ONLY());
  }

  /** Training partitions of examples: k partitions of nf features, stored as floats or doubles. */
  record Shape(int k, int nf, int targetRows, boolean floats) implements java.io.Serializable {}

  /**
   * One training partition's block from its shares: each example at position rank div k; the
   * shares' fingerprints are added into {@code fingerprint}.
   */
  static DataBlock assemble(
      Iterator<RowBlock> shares, int size, Shape shape, DataFingerprint fingerprint) {
    int k = shape.k();
    int nf = shape.nf();
    int targetRows = shape.targetRows();
    boolean floats = shape.floats();
    float[] xf = floats ? new float[size * nf] : null;
    double[] xd = floats ? null : new double[size * nf];
    double[] y = new double[size * targetRows];
    long[] ranks = new long[size];
    double[] w = null;
    int filled = 0;
    while (shares.hasNext()) {
      RowBlock share = shares.next();
      if (w == null && share.isWeighted()) {
        w = new double[size];
        java.util.Arrays.fill(w, 1.0);
      }
      for (int i = 0; i < share.size(); i++) {
        long rank = share.rank(i);
        int slot = (int) (rank / k);
        share.copyTo(i, xf, xd, y, w, slot);
        ranks[slot] = rank;
      }
      filled += share.size();
      fingerprint.merge(share.fingerprint());
    }
    if (filled != size) {
      throw new IllegalStateException(
          "training partition expected " + size + " examples, received " + filled);
    }
    DataBlock block =
        floats
            ? DataBlock.ofFloats(nf, targetRows, xf, y, ranks)
            : DataBlock.of(nf, targetRows, xd, y, ranks);
    return w == null ? block : block.withWeights(w);
  }
}

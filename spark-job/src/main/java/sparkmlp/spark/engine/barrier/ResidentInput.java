package sparkmlp.spark.engine.barrier;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;
import sparkmlp.core.data.DataBlock;
import sparkmlp.spark.data.PartitionData;

/**
 * What a {@link ResidentTask} holds for the run: its partition's training data and its share of the
 * validation blocks. Validation partition {@code p} of {@code m} goes to task {@code ⌊p·k/m⌋} of
 * {@code k}, its blocks in their order, so the tasks' blocks taken in task order are the validation
 * set's blocks in the order an evaluation job collects them.
 */
record ResidentInput(PartitionData data, List<DataBlock> validation) {

  /** Each training partition alone, for a run whose tasks evaluate nothing. */
  static JavaRDD<ResidentInput> of(JavaRDD<PartitionData> train) {
    return train.map(d -> new ResidentInput(d, List.of()));
  }

  /**
   * Each training partition with its share of {@code validation}: the blocks go through one shuffle
   * into the training's partition count, sorted by (their partition, their place in it). A barrier
   * stage runs only on ancestors of its own partition count, so the shuffle is what lets a
   * validation set of any partitioning join the training partitions.
   */
  static JavaRDD<ResidentInput> of(JavaRDD<PartitionData> train, JavaRDD<DataBlock> validation) {
    int m = validation.getNumPartitions();
    int k = train.getNumPartitions();
    JavaPairRDD<Long, DataBlock> placed =
        JavaPairRDD.fromJavaRDD(validation.mapPartitionsWithIndex(ResidentInput::place, true));
    JavaRDD<DataBlock> shares =
        placed.repartitionAndSortWithinPartitions(new Shares(m, k)).values();
    return train.zipPartitions(shares, ResidentInput::zip);
  }

  /** Each block of validation partition {@code p} keyed by (p, its index in p) as one long. */
  private static Iterator<Tuple2<Long, DataBlock>> place(int p, Iterator<DataBlock> blocks) {
    List<Tuple2<Long, DataBlock>> placed = new ArrayList<>();
    for (long i = 0; blocks.hasNext(); i++) {
      placed.add(new Tuple2<>(((long) p << 32) | i, blocks.next()));
    }
    return placed.iterator();
  }

  private static Iterator<ResidentInput> zip(
      Iterator<PartitionData> train, Iterator<DataBlock> validation) {
    List<DataBlock> share = new ArrayList<>();
    validation.forEachRemaining(share::add);
    List<ResidentInput> inputs = new ArrayList<>();
    train.forEachRemaining(d -> inputs.add(new ResidentInput(d, share)));
    return inputs.iterator();
  }

  /** Validation partition p of m goes to task ⌊p·k/m⌋ of k: contiguous shares, in order. */
  private static final class Shares extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int m;
    private final int k;

    Shares(int m, int k) {
      this.m = m;
      this.k = k;
    }

    @Override
    public int numPartitions() {
      return k;
    }

    @Override
    public int getPartition(Object key) {
      long p = ((Long) key) >>> 32;
      return (int) (p * k / m);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Shares s && s.m == m && s.k == k;
    }

    @Override
    public int hashCode() {
      return 31 * m + k;
    }
  }
}

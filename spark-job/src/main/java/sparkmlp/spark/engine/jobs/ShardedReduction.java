package sparkmlp.spark.engine.jobs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.rdd.ShuffledRDD;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.util.TaskCompletionListener;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.data.GradientBuffers;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.engine.FaultInjection;

/**
 * A step's gradient summed on the executors (a reduce-scatter through one shuffle): every partition
 * cuts its sum into S contiguous shards and sends shard s to reduce task s, which adds what it
 * received in partition order and returns its shard; the driver concatenates the S shards. The
 * driver receives 8 bytes a parameter whatever the number of partitions k (the direct path: 8·k).
 * Shuffle fetch order varies from run to run, floating-point addition order must not, hence the
 * sort by source partition: every element is added in the same order as the direct path adds whole
 * sums, so both paths give bit-identical weights.
 */
final class ShardedReduction {
  private static final ClassTag<Integer> INT = ClassTag$.MODULE$.apply(Integer.class);
  private static final ClassTag<GradientShard> SHARD = ClassTag$.MODULE$.apply(GradientShard.class);

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final ClassTag<Tuple2<Integer, GradientShard>> PAIR =
      (ClassTag) ClassTag$.MODULE$.apply(Tuple2.class);

  private final int numParams;
  private final int shards;
  private final double[] assembled;

  ShardedReduction(int numParams, int shards) {
    if (shards < 1 || shards > numParams) {
      throw new IllegalArgumentException(
          "shards must be in [1, " + numParams + "], found " + shards);
    }
    this.numParams = numParams;
    this.shards = shards;
    this.assembled = new double[numParams];
  }

  int shards() {
    return shards;
  }

  /**
   * Runs the step: {@code step} computes each partition's sum; the returned sum is reused by the
   * next call.
   */
  GradientSum run(SparkContext sc, RDD<PartitionData> train, StepTask step) {
    RDD<Tuple2<Integer, GradientShard>> slices =
        train.mapPartitions(new Scatter(step, numParams, shards), false, PAIR);
    ShuffledRDD<Integer, GradientShard, GradientShard> byShard =
        new ShuffledRDD<>(slices, new HashPartitioner(shards), INT, SHARD, SHARD);
    // Java serialisation whatever spark.serializer says: GradientShard packs its doubles itself.
    byShard.setSerializer(new JavaSerializer(sc.conf()));
    try {
      GradientShard[] sums =
          (GradientShard[]) sc.runJob(byShard, new Sum(numParams, shards), SHARD);
      double loss = 0;
      long count = 0;
      double weight = 0;
      for (GradientShard s : sums) {
        s.copyTo(assembled, from(s.shard(), numParams, shards));
        loss += s.lossSum();
        count += s.count();
        weight += s.weight();
      }
      return new GradientSum(assembled, loss, count, weight);
    } finally {
      // One shuffle per step: drop its files now rather than when the driver next collects garbage.
      byShard.cleanShuffleDependencies(false);
    }
  }

  /** First parameter of shard {@code s} of {@code shards}. */
  static int from(int s, int numParams, int shards) {
    return (int) ((long) s * numParams / shards);
  }

  /** Map side: the partition's step sum, cut into shards (views of the executor's buffer). */
  static final class Scatter
      extends AbstractFunction1<Iterator<PartitionData>, Iterator<Tuple2<Integer, GradientShard>>>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StepTask step;
    private final int numParams;
    private final int shards;

    Scatter(StepTask step, int numParams, int shards) {
      this.step = step;
      this.numParams = numParams;
      this.shards = shards;
    }

    @Override
    public Iterator<Tuple2<Integer, GradientShard>> apply(Iterator<PartitionData> blocks) {
      TaskContext context = TaskContext.get();
      GradientSum sum = step.gradient(context, blocks);
      // The shuffle writer has serialised every slice by the time the task completes.
      context.addTaskCompletionListener((TaskCompletionListener) c -> GradientBuffers.release(sum));
      int source = context.partitionId();
      // A partition with no example in this step sends nothing, as the direct path skips it.
      int n = sum.count() == 0 ? 0 : shards;
      return new scala.collection.AbstractIterator<>() {
        private int s;

        @Override
        public boolean hasNext() {
          return s < n;
        }

        @Override
        public Tuple2<Integer, GradientShard> next() {
          int from = from(s, numParams, shards);
          int to = from(s + 1, numParams, shards);
          GradientShard slice = new GradientShard(s, source, sum, from, to - from, s == 0);
          s++;
          return new Tuple2<>(slice.shard(), slice);
        }
      };
    }
  }

  /** Reduce side: one shard's slices added in partition order. */
  static final class Sum
      extends AbstractFunction2<
          TaskContext, Iterator<Tuple2<Integer, GradientShard>>, GradientShard>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int numParams;
    private final int shards;

    Sum(int numParams, int shards) {
      this.numParams = numParams;
      this.shards = shards;
    }

    @Override
    public GradientShard apply(
        TaskContext context, Iterator<Tuple2<Integer, GradientShard>> received) {
      FaultInjection.sumTask(context);
      int shard = context.partitionId();
      int from = from(shard, numParams, shards);
      int length = from(shard + 1, numParams, shards) - from;
      List<GradientShard> slices = new ArrayList<>();
      while (received.hasNext()) {
        slices.add(received.next()._2());
      }
      slices.sort(Comparator.comparingInt(GradientShard::source));
      double[] sum = new double[length];
      double loss = 0;
      long count = 0;
      double weight = 0;
      int previous = -1;
      for (GradientShard slice : slices) {
        if (slice.shard() != shard || slice.length() != length || slice.source() == previous) {
          throw new IllegalStateException(
              "shard "
                  + shard
                  + " received slice "
                  + slice.shard()
                  + " of "
                  + slice.length()
                  + " values from partition "
                  + slice.source()
                  + "; expected one slice of "
                  + length
                  + " values per partition");
        }
        previous = slice.source();
        slice.addTo(sum, 0);
        loss += slice.lossSum();
        count += slice.count();
        weight += slice.weight();
      }
      return new GradientShard(
          shard, -1, new GradientSum(sum, loss, count, weight), 0, length, true);
    }
  }
}

package sparkmlp.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.task.Task;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RawExample;
import sparkmlp.spark.run.DistributedTrainingTest;

/**
 * The one-pass preparation builds, bit for bit, the blocks the examples-through-a-shuffle
 * preparation built ({@link ShuffledPreparation}): the same examples in each training partition,
 * the same normalised values in each storage precision, the same normaliser, fingerprint and
 * validation blocks.
 */
class OnePassPreparationTest {

  @ParameterizedTest(name = "{0} partitions, {1} storage, validation {2}")
  @CsvSource({"1, double, 0.25", "3, float, 0.25", "4, double, 0", "7, float, 0"})
  void blocksEqualThoseOfShufflingEveryExample(
      int partitions, String storage, double fraction, @TempDir Path out) {
    JobConfig config =
        DistributedTrainingTest.digits(
            out,
            "data.partitions=" + partitions,
            "data.storage=" + storage,
            "data.validation-split=" + fraction);
    DataPreparer prep = new DataPreparer(SharedSpark.session(), config.data());
    RawData raw = prep.read("mlp.data.train", config.data().train(), null);
    assertTrue(raw.rows().getNumPartitions() >= 2, "the file should be read in several splits");
    LabelEncoder enc = prep.encoderFor(Task.MULTICLASS, raw);
    PreparedData d =
        prep.prepare(raw, null, enc, Normalizer.Kind.STANDARD, null, 42, Task.MULTICLASS);
    ShuffledPreparation.Result expected =
        ShuffledPreparation.prepare(
            raw, enc, Normalizer.Kind.STANDARD, 42, fraction, partitions, storage.equals("float"));
    assertEquals(expected.normalizer(), d.normalizer());
    assertEquals(expected.fingerprint(), d.fingerprint().hex());
    assertSameBlocks(expected.train(), d.train().map(PartitionData::block).collect());
    if (fraction > 0) {
      assertSameBlocks(expected.validation(), d.validation().collect());
    } else {
      assertEquals(null, d.validation());
    }
    d.release();
  }

  @ParameterizedTest(name = "validation {0}")
  @ValueSource(doubles = {0.2, 0})
  void weightedRowsFromObjectsKeepTheirWeightsAndPartitions(double fraction) {
    List<RawExample> rows = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      double weight = i % 7 == 3 ? 0.5 + i / 100.0 : 1.0;
      rows.add(
          new RawExample(
              i, new double[] {i * 0.37 - 9, Math.sin(i)}, new String[] {"c" + (i % 3)}, weight));
    }
    JavaRDD<RawExample> rdd = SharedSpark.context().parallelize(rows, 3);
    RawData raw = new RawData("weighted", List.of("a", "b"), List.of("label"), rdd);
    JobConfig config =
        DistributedTrainingTest.digits(
            Path.of("unused"), "data.partitions=4", "data.validation-split=" + fraction);
    DataPreparer prep = new DataPreparer(SharedSpark.session(), config.data());
    LabelEncoder enc = prep.encoderFor(Task.MULTICLASS, raw);
    PreparedData d = prep.prepare(raw, null, enc, Normalizer.Kind.MINMAX, null, 7, Task.MULTICLASS);
    ShuffledPreparation.Result expected =
        ShuffledPreparation.prepare(raw, enc, Normalizer.Kind.MINMAX, 7, fraction, 4, false);
    assertEquals(expected.normalizer(), d.normalizer());
    assertEquals(expected.fingerprint(), d.fingerprint().hex());
    List<DataBlock> blocks = d.train().map(PartitionData::block).collect();
    assertSameBlocks(expected.train(), blocks);
    assertTrue(blocks.stream().anyMatch(DataBlock::isWeighted));
    if (fraction > 0) {
      assertSameBlocks(expected.validation(), d.validation().collect());
    } else {
      assertEquals(null, d.validation());
    }
    d.release();
  }

  @Test
  void partitionOfARankIsSparksHashPartitionerOnTheBoxedRank() {
    for (int k : new int[] {1, 2, 3, 7, 16}) {
      HashPartitioner spark = new HashPartitioner(k);
      for (long r : new long[] {0, 1, 5, 99, 12345, Integer.MAX_VALUE, 1L << 33, -5}) {
        assertEquals(spark.getPartition(r), TrainBlocks.partitionOf(r, k), r + " of " + k);
      }
    }
  }

  /** Same blocks in the same partitions: every example's values bit for bit, found by rank. */
  static void assertSameBlocks(List<DataBlock> expected, List<DataBlock> actual) {
    assertEquals(expected.size(), actual.size());
    for (int q = 0; q < expected.size(); q++) {
      DataBlock e = expected.get(q);
      DataBlock a = actual.get(q);
      assertEquals(e.size(), a.size(), "examples in partition " + q);
      assertEquals(e.isFloat(), a.isFloat());
      assertEquals(e.isWeighted(), a.isWeighted(), "weights in partition " + q);
      Map<Long, Integer> rowOfRank = new HashMap<>();
      for (int i = 0; i < e.size(); i++) {
        rowOfRank.put(e.rank(i) < 0 ? i : e.rank(i), i);
      }
      for (int i = 0; i < a.size(); i++) {
        int k = rowOfRank.get(a.rank(i) < 0 ? i : a.rank(i));
        for (int j = 0; j < e.numFeatures(); j++) {
          assertEquals(bits(e.feature(k, j)), bits(a.feature(i, j)), "feature " + j);
        }
        for (int r = 0; r < e.targetRows(); r++) {
          assertEquals(bits(e.target(k, r)), bits(a.target(i, r)));
        }
        assertEquals(bits(e.weight(k)), bits(a.weight(i)));
      }
    }
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }
}

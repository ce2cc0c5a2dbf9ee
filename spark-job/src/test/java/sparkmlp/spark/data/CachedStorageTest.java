package sparkmlp.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.task.Task;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.run.DistributedTrainingTest;

/** What the cache holds: about 8 bytes per feature value, or 4 with float storage. */
class CachedStorageTest {
  private static PreparedData prepare(Path out, String storage) {
    JobConfig config =
        DistributedTrainingTest.digits(out, "data.partitions=3", "data.storage=" + storage);
    DataPreparer prep = new DataPreparer(SharedSpark.session(), config.data());
    RawData raw = prep.read("mlp.data.train", config.data().train(), null);
    LabelEncoder enc = prep.encoderFor(Task.MULTICLASS, raw);
    return prep.prepare(raw, null, enc, Normalizer.Kind.STANDARD, null, 42, Task.MULTICLASS);
  }

  @Test
  void doubleCacheCostsAtMostOnePointOneTimesEightBytesPerFeature(@TempDir Path out) {
    PreparedData d = prepare(out, "double");
    double perValue = d.cachedBytes() / (double) (d.numTrain() * 64);
    // 64 features, 1 target and 1 rank per example: (64 + 2) / 64 × 8 bytes.
    assertEquals(8.0 * 66 / 64, perValue, 1e-12);
    assertTrue(perValue <= 1.1 * 8);
    assertEquals(3, d.train().getNumPartitions());
    d.release();
  }

  @Test
  void floatCacheHalvesTheFeatureBytesAndKeepsValuesToFloatPrecision(@TempDir Path out) {
    PreparedData doubles = prepare(out, "double");
    PreparedData floats = prepare(out, "float");
    assertEquals(4.0 * 64 + 16, floats.cachedBytes() / (double) floats.numTrain(), 1e-12);
    DataBlock a = DataBlock.concat(doubles.train().map(PartitionData::block).collect());
    DataBlock b = DataBlock.concat(floats.train().map(PartitionData::block).collect());
    assertEquals(a.size(), b.size());
    // Shuffle order within a partition may differ between runs: match examples by rank.
    java.util.Map<Long, Integer> rowOfRank = new java.util.HashMap<>();
    for (int i = 0; i < b.size(); i++) {
      rowOfRank.put(b.rank(i), i);
    }
    for (int i = 0; i < a.size(); i++) {
      int k = rowOfRank.get(a.rank(i));
      for (int j = 0; j < 64; j++) {
        assertEquals((float) a.feature(i, j), b.feature(k, j), 0.0);
      }
    }
    doubles.release();
    floats.release();
  }
}

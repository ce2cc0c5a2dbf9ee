package sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** checkpointDir: fit resumes where a previous run stopped; transform runs no job until asked. */
class CheckpointResumeTest {

  private static MlpClassifier small(int epochs) {
    return new MlpClassifier().setHiddenLayers(new int[] {8}).setStepSize(0.01).setMaxIter(epochs);
  }

  @Test
  void fitResumesFromTheCheckpointFolderAndMatchesAnUninterruptedRun(@TempDir Path dir)
      throws Exception {
    Dataset<Row> rows = Digits.assembled(Digits.train()).limit(300);
    double[] uninterrupted = small(3).fit(rows).model().params();
    String ckpt = dir.resolve("ckpt").toString();
    small(2).setCheckpointDir(ckpt).fit(rows);
    try (Stream<Path> files = Files.list(dir.resolve("ckpt"))) {
      assertTrue(files.anyMatch(p -> p.toString().endsWith(".ckpt")));
    }
    // A longer run with the same folder continues from epoch 3 instead of starting over.
    double[] resumed = small(3).setCheckpointDir(ckpt).fit(rows).model().params();
    assertArrayEquals(uninterrupted, resumed, 0.0);
  }

  @Test
  void transformIsLazy() {
    Dataset<Row> rows = Digits.assembled(Digits.train()).limit(100);
    MlpClassificationModel model = small(1).fit(rows);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(Digits.spark().sparkContext());
    jsc.setJobGroup("transform-is-lazy", "transform only", false);
    try {
      Dataset<Row> scored = model.transform(rows);
      assertEquals(0, jsc.statusTracker().getJobIdsForGroup("transform-is-lazy").length);
      assertEquals(100, scored.count());
      assertTrue(jsc.statusTracker().getJobIdsForGroup("transform-is-lazy").length > 0);
    } finally {
      jsc.clearJobGroup();
    }
  }
}

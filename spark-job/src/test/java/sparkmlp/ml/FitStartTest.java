package sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.format.Json;
import sparkmlp.spark.store.CheckpointStore;

/**
 * fit decides where it starts as {@code mlp train} does (StartPoint) and stores the same summary:
 * the checks on given weights and on a checkpoint's solver, and the summary's start fields.
 */
class FitStartTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("features", SQLDataTypes.VectorType())
          .add("label", DataTypes.DoubleType);

  private static Dataset<Row> frame() {
    return Digits.spark()
        .createDataFrame(
            Arrays.asList(
                RowFactory.create(Vectors.dense(1, 2), 0.0),
                RowFactory.create(Vectors.dense(3, 4), 1.0),
                RowFactory.create(Vectors.dense(2, 1), 0.0),
                RowFactory.create(Vectors.dense(4, 3), 1.0)),
            SCHEMA);
  }

  private static MlpClassifier quick(String solver, int epochs) {
    return new MlpClassifier()
        .setSolver(solver)
        .setMaxIter(epochs)
        .setBatchSize(2)
        .setHiddenLayers(new int[] {2});
  }

  @Test
  void initialWeightsOfAnotherSizeAreRefusedNamingTheNetwork() {
    // 2-2(relu)-2(softmax): 2·2 + 2 + 2·2 + 2 = 12 weights.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> quick("adam", 1).setInitialWeights(Vectors.dense(1, 2, 3, 4, 5)).fit(frame()));
    assertEquals(
        "param initialWeights: network 2-2(relu)-2(softmax), softmax-cross-entropy needs 12"
            + " weights, found 5",
        e.getMessage());
  }

  @Test
  void aResumedFitSaysSoAndACheckpointOfAnotherSolverIsRefused(@TempDir Path dir) throws Exception {
    String ckpt = dir.resolve("ckpt").toString();
    JsonNode first =
        Json.MAPPER.readTree(
            quick("sgd", 1).setCheckpointDir(ckpt).fit(frame()).model().trainingJson());
    assertEquals(false, first.get("resumed").asBoolean());
    assertEquals(4, first.at("/data/train_rows").asInt());
    assertEquals("sgd", first.at("/config/mlp/train/optimizer/name").asText());
    JsonNode resumed =
        Json.MAPPER.readTree(
            quick("sgd", 2).setCheckpointDir(ckpt).fit(frame()).model().trainingJson());
    assertEquals(true, resumed.get("resumed").asBoolean());
    assertEquals(2, resumed.get("epochs").size());

    List<String> saved = new CheckpointStore(new Configuration(), ckpt, 2).checkpoints();
    assertEquals(2, saved.size(), saved.toString());
    String newest = saved.get(1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> quick("adam", 3).setCheckpointDir(ckpt).fit(frame()));
    assertEquals(
        "the checkpoint " + newest + " was written with optimizer sgd, this run uses adam",
        e.getMessage());
  }
}

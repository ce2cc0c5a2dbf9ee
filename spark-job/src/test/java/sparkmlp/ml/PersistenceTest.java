package sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** Save and load of the stages alone, in a Pipeline and in a CrossValidator; copy and tuning. */
class PersistenceTest {
  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static MlpClassificationModel model;

  @BeforeAll
  static void fit() {
    train = Digits.assembled(Digits.train());
    test = Digits.assembled(Digits.test());
    model = new MlpClassifier().setHiddenLayers(new int[] {16}).setMaxIter(2).fit(train);
  }

  /** Prediction, probability and raw prediction of every test row, flattened. */
  private static double[] scores(org.apache.spark.ml.Transformer t) {
    List<Row> rows =
        t.transform(test).select("prediction", "probability", "rawPrediction").collectAsList();
    double[] out = new double[rows.size() * 21];
    int at = 0;
    for (Row r : rows) {
      out[at++] = r.getDouble(0);
      for (int c = 1; c <= 2; c++) {
        for (double v : ((Vector) r.get(c)).toArray()) {
          out[at++] = v;
        }
      }
    }
    return out;
  }

  @Test
  void modelRoundTripKeepsParamsAndGivesBitIdenticalPredictions(@TempDir Path dir)
      throws IOException {
    model.setBlockSize(50).setProbabilityCol("probability");
    String path = dir.resolve("model").toString();
    model.write().save(path);
    assertTrue(Files.exists(dir.resolve("model/metadata/part-00000")));
    assertTrue(Files.exists(dir.resolve("model/data/model.mlp")));
    MlpClassificationModel loaded = MlpClassificationModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals(50, loaded.getBlockSize());
    assertEquals(model.model(), loaded.model());
    assertArrayEquals(scores(model), scores(loaded));

    IOException exists = assertThrows(IOException.class, () -> model.write().save(path));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    model.write().overwrite().save(path);
    assertArrayEquals(scores(model), scores(MlpClassificationModel.load(path)));
  }

  @Test
  void pipelineModelAndUnfittedPipelineRoundTrip(@TempDir Path dir) throws IOException {
    Pipeline pipeline =
        new Pipeline()
            .setStages(
                new PipelineStage[] {
                  Digits.assembler(),
                  new MlpClassifier().setHiddenLayers(new int[] {8}).setMaxIter(2).setStepSize(0.01)
                });
    PipelineModel fitted = pipeline.fit(Digits.train());
    fitted.write().save(dir.resolve("pm").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("pm").toString());
    assertTrue(loaded.stages()[1] instanceof MlpClassificationModel);
    List<Row> a = fitted.transform(Digits.test()).select("probability").collectAsList();
    List<Row> b = loaded.transform(Digits.test()).select("probability").collectAsList();
    assertEquals(a, b);

    pipeline.write().save(dir.resolve("p").toString());
    Pipeline again = Pipeline.load(dir.resolve("p").toString());
    MlpClassifier clf = (MlpClassifier) again.getStages()[1];
    assertArrayEquals(new int[] {8}, clf.getHiddenLayers());
    assertEquals(0.01, clf.getStepSize());
    assertEquals(2, clf.getMaxIter());
  }

  @Test
  void crossValidatorOverHiddenLayersAndStepSizePicksAModelAndRoundTrips(@TempDir Path dir)
      throws IOException {
    MlpClassifier clf = new MlpClassifier().setMaxIter(2).setBatchSize(128);
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(
                clf.hiddenLayers(),
                JavaConverters.asScalaBuffer(List.of(new int[] {4}, new int[] {32})))
            .addGrid(clf.stepSize(), new double[] {1e-4, 1e-2})
            .build();
    assertEquals(4, grid.length);
    CrossValidator cv =
        new CrossValidator()
            .setEstimator(clf)
            .setEstimatorParamMaps(grid)
            .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy"))
            .setNumFolds(2)
            .setSeed(7);
    CrossValidatorModel cvModel = cv.fit(train);
    double[] metrics = cvModel.avgMetrics();
    assertEquals(4, metrics.length);
    int best = 0;
    for (int i = 1; i < metrics.length; i++) {
      best = metrics[i] > metrics[best] ? i : best;
    }
    // Wider and faster wins on digits: 32 hidden units at step size 0.01.
    assertArrayEquals(new int[] {32}, (int[]) grid[best].apply(clf.hiddenLayers()));
    assertEquals(1e-2, (double) grid[best].apply(clf.stepSize()));
    MlpClassificationModel bestModel = (MlpClassificationModel) cvModel.bestModel();
    assertArrayEquals(new int[] {32}, bestModel.getHiddenLayers());
    assertEquals(64 * 32 + 32 + 32 * 10 + 10, bestModel.weights().size());
    // copy(ParamMap) on the estimator carried the grid's values into each fit.
    assertEquals(0.01, bestModel.getStepSize());

    String path = dir.resolve("cv").toString();
    cvModel.write().save(path);
    CrossValidatorModel loaded = CrossValidatorModel.load(path);
    assertArrayEquals(metrics, loaded.avgMetrics());
    assertArrayEquals(scores(cvModel), scores(loaded));
  }

  @Test
  void copyWithExtraParamsLeavesTheOriginalAlone() {
    MlpClassifier clf = new MlpClassifier().setStepSize(0.5);
    MlpClassifier copy = clf.copy(new ParamMap().put(clf.stepSize(), 0.25));
    assertEquals(0.5, clf.getStepSize());
    assertEquals(0.25, copy.getStepSize());
    assertEquals(clf.uid(), copy.uid());
    MlpClassificationModel m = model.copy(new ParamMap().put(model.predictionCol(), "p2"));
    assertEquals("prediction", model.getPredictionCol());
    assertEquals("p2", m.getPredictionCol());
    assertEquals(model.parent(), m.parent());
  }

  @Test
  void corruptOrForeignFoldersGiveOneClearError(@TempDir Path dir) throws IOException {
    String empty = dir.resolve("empty").toString();
    Files.createDirectories(dir.resolve("empty"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MlpClassificationModel.load(empty));
    assertEquals(
        empty + ": not a saved sparkmlp.ml.MlpClassificationModel (no metadata/part-00000)",
        e.getMessage());

    String foreign = dir.resolve("assembler").toString();
    Digits.assembler().write().save(foreign);
    e = assertThrows(IllegalArgumentException.class, () -> MlpClassificationModel.load(foreign));
    assertEquals(
        foreign
            + ": not a saved sparkmlp.ml.MlpClassificationModel (its metadata names class"
            + " 'org.apache.spark.ml.feature.VectorAssembler')",
        e.getMessage());

    String path = dir.resolve("m").toString();
    model.write().save(path);
    Files.writeString(dir.resolve("m/data/model.mlp"), "not a model");
    e = assertThrows(IllegalArgumentException.class, () -> MlpClassificationModel.load(path));
    assertTrue(
        e.getMessage().startsWith(path + ": not a saved sparkmlp.ml.MlpClassificationModel ("),
        e.getMessage());
    assertTrue(e.getMessage().contains("model.mlp"), e.getMessage());
  }
}

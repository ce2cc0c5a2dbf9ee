package sparkmlp.ml;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regressor, multi-label classification and validation rows for early stopping. */
class MlpRegressorTest {

  @Test
  void regressorOutputsADoublePredictionThatRegressionEvaluatorScores(@TempDir Path dir)
      throws Exception {
    Dataset<Row> train = Digits.assembled(Digits.train());
    Dataset<Row> test = Digits.assembled(Digits.test());
    MlpRegressionModel model =
        new MlpRegressor()
            .setHiddenLayers(new int[] {32})
            .setMaxIter(20)
            .setStepSize(0.003)
            .fit(train);
    Dataset<Row> scored = model.transform(test);
    assertEquals(DataTypes.DoubleType, scored.schema().apply("prediction").dataType());
    assertEquals(train.columns().length + 1, scored.columns().length);
    double rmse = new RegressionEvaluator().setMetricName("rmse").evaluate(scored);
    // Labels 0..9 have a standard deviation of about 2.9; the digit is learnt as a number.
    assertTrue(rmse < 1.5, "rmse " + rmse);
    model.write().save(dir.resolve("r").toString());
    MlpRegressionModel loaded = MlpRegressionModel.load(dir.resolve("r").toString());
    assertEquals(
        model.transform(test).select("prediction").collectAsList(),
        loaded.transform(test).select("prediction").collectAsList());
  }

  @Test
  void vectorLabelsTrainAMultiLabelClassifier() {
    // Two labels per digit: "is even" and "is at least 5".
    Dataset<Row> train =
        Digits.assembled(Digits.train())
            .withColumn(
                "labels",
                functions.array_to_vector(
                    array(
                        when(col("label").mod(2).equalTo(0), 1.0).otherwise(0.0),
                        when(col("label").geq(5), 1.0).otherwise(0.0))));
    MlpClassificationModel model =
        new MlpClassifier()
            .setLabelCol("labels")
            .setMaxIter(10)
            .setStepSize(0.003)
            .setHiddenLayers(new int[] {32})
            .fit(train);
    assertEquals(2, model.numClasses());
    Dataset<Row> scored = model.transform(train);
    assertEquals(SQLDataTypes.VectorType(), scored.schema().apply("prediction").dataType());
    long right = 0;
    long total = 0;
    for (Row r : scored.select("labels", "prediction").collectAsList()) {
      Vector y = r.getAs(0);
      Vector p = r.getAs(1);
      for (int j = 0; j < 2; j++) {
        total++;
        right += y.apply(j) == p.apply(j) ? 1 : 0;
      }
    }
    assertTrue(right > 0.95 * total, "label accuracy " + (double) right / total);
  }

  @Test
  void validationIndicatorRowsDriveEarlyStoppingAndAreNotTrainedOn() {
    Dataset<Row> data =
        Digits.assembled(Digits.train()).withColumn("isVal", col("pixel_0_2").geq(5));
    long validationRows = data.filter("isVal").count();
    MlpClassificationModel model =
        new MlpClassifier()
            .setValidationIndicatorCol("isVal")
            .setPatience(1)
            .setTol(10.0)
            .setMaxIter(50)
            .fit(data);
    String summary = model.model().trainingJson();
    // min-delta 10 is never met: the run stops after the first epoch without improvement.
    assertTrue(summary.contains("\"stopped_early\":true"), summary);
    assertTrue(summary.contains("\"validation_rows\":" + validationRows), summary);
    assertTrue(
        summary.contains("\"train_rows\":" + (Digits.train().count() - validationRows)), summary);
  }
}

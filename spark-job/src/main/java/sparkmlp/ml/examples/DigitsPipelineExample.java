package sparkmlp.ml.examples;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;
import sparkmlp.ml.MlpClassifier;

/**
 * VectorAssembler → MlpClassifier in a Pipeline on the bundled digits CSVs: fit, evaluate, save and
 * load, then a CrossValidator over hidden layers and step size. Run from the repository root with
 * {@code spark-submit --class sparkmlp.ml.examples.DigitsPipelineExample
 * spark-job/target/sparkmlp-spark-job-*.jar datasets/digits/train.csv datasets/digits/test.csv
 * out/digits-pipeline}.
 */
public final class DigitsPipelineExample {
  private DigitsPipelineExample() {}

  /** What a run measured. */
  public record Result(double testAccuracy, double reloadedAccuracy, double[] cvMetrics) {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: DigitsPipelineExample <train.csv> <test.csv> <output dir>");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder().appName("sparkmlp pipeline example").getOrCreate();
    Result r = run(spark, args[0], args[1], args[2], 30);
    System.out.printf(
        "test accuracy %.4f (reloaded %.4f); cross-validation accuracies %s%n",
        r.testAccuracy(), r.reloadedAccuracy(), Arrays.toString(r.cvMetrics()));
    spark.stop();
  }

  /** The whole example; {@code epochs} is the classifier's maxIter. */
  public static Result run(
      SparkSession spark, String trainCsv, String testCsv, String outDir, int epochs)
      throws IOException {
    Dataset<Row> train =
        spark.read().option("header", true).option("inferSchema", true).csv(trainCsv);
    Dataset<Row> test =
        spark.read().option("header", true).option("inferSchema", true).csv(testCsv);
    String[] pixels =
        Arrays.stream(train.columns()).filter(c -> !c.equals("label")).toArray(String[]::new);

    VectorAssembler assembler = new VectorAssembler().setInputCols(pixels).setOutputCol("features");
    MlpClassifier mlp =
        new MlpClassifier()
            .setLayers(new int[] {pixels.length, 64, 10}) // MLPC-style: input, hidden…, classes
            .setSolver("adam")
            .setStepSize(0.003)
            .setBatchSize(64)
            .setMaxIter(epochs)
            .setSeed(42);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, mlp});
    PipelineModel model = pipeline.fit(train);

    MulticlassClassificationEvaluator accuracy =
        new MulticlassClassificationEvaluator().setMetricName("accuracy");
    double testAccuracy = accuracy.evaluate(model.transform(test));

    model.write().overwrite().save(outDir + "/pipeline-model");
    PipelineModel reloaded = PipelineModel.load(outDir + "/pipeline-model");
    double reloadedAccuracy = accuracy.evaluate(reloaded.transform(test));

    // Tuning: the grid sets layers through hiddenLayers (clear layers so it does not override).
    MlpClassifier tuned = new MlpClassifier().setMaxIter(epochs).setSeed(42);
    List<int[]> hidden = List.of(new int[] {32}, new int[] {64, 32});
    ParamMap[] grid =
        new ParamGridBuilder()
            .addGrid(tuned.hiddenLayers(), JavaConverters.asScalaBuffer(hidden))
            .addGrid(tuned.stepSize(), new double[] {0.001, 0.003})
            .build();
    CrossValidatorModel cv =
        new CrossValidator()
            .setEstimator(new Pipeline().setStages(new PipelineStage[] {assembler, tuned}))
            .setEstimatorParamMaps(grid)
            .setEvaluator(accuracy)
            .setNumFolds(2)
            .setSeed(42)
            .fit(train);
    cv.write().overwrite().save(outDir + "/cv-model");
    return new Result(testAccuracy, reloadedAccuracy, cv.avgMetrics());
  }
}

package sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.model.Model;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.TestData;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;

/** MlpClassifier on digits: as an MLPC replacement in a Pipeline, against the CLI, evaluators. */
class MlpClassifierTest {

  private static double accuracy(Dataset<Row> predictions) {
    return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
  }

  @Test
  void replacingMlpcInAnUnchangedPipelineReachesNinetyFivePercentWhereMlpcDoesNot() {
    int[] layers = {64, 64, 10};
    PipelineStage mlpc = new MultilayerPerceptronClassifier().setLayers(layers).setSeed(42L);
    PipelineStage ours = new MlpClassifier().setLayers(layers).setSeed(42L);
    double mlpcAccuracy =
        accuracy(
            new Pipeline()
                .setStages(new PipelineStage[] {Digits.assembler(), mlpc})
                .fit(Digits.train())
                .transform(Digits.test()));
    double oursAccuracy =
        accuracy(
            new Pipeline()
                .setStages(new PipelineStage[] {Digits.assembler(), ours})
                .fit(Digits.train())
                .transform(Digits.test()));
    System.out.printf(
        "digits test accuracy: MLPC defaults %.4f, MlpClassifier %.4f%n",
        mlpcAccuracy, oursAccuracy);
    assertTrue(oursAccuracy >= 0.95, "MlpClassifier accuracy " + oursAccuracy);
    assertTrue(mlpcAccuracy < 0.95, "MLPC accuracy " + mlpcAccuracy);
  }

  @Test
  void fitGivesTheCliWeightsForTheSameDataAndSettings(@TempDir Path out) {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    TrainJob.Result cli =
        new TrainJob(
                SharedSpark.session(),
                ConfigLoader.load(
                    Path.of(TestData.conf("digits.conf")),
                    List.of(
                        "data.train=" + Digits.TRAIN,
                        "data.test=null",
                        "data.validation-split=0",
                        "train.epochs=2",
                        "train.checkpoint.every-epochs=0",
                        "output.dir=" + out,
                        "log.progress=never")),
                new TrainOptions(false, null, false),
                quiet,
                quiet)
            .run();
    MlpClassificationModel fitted =
        new MlpClassifier()
            .setHiddenLayers(new int[] {64})
            .setActivation("relu")
            .setNormalization("standard")
            .setSolver("adam")
            .setStepSize(0.003)
            .setBatchSize(64)
            .setMaxIter(2)
            .setSeed(42)
            .fit(Digits.assembled(Digits.train()));
    Model a = cli.model();
    Model b = fitted.model();
    assertEquals(a.network(), b.network());
    // Feature statistics are summed per partition; the CLI's reader and Spark's CSV source may
    // split the file differently, so the normaliser agrees to rounding, not bit for bit.
    assertArrayEquals(a.normalizer().shift(), b.normalizer().shift(), 1e-12);
    assertArrayEquals(a.normalizer().scale(), b.normalizer().scale(), 1e-12);
    double[] wa = a.params();
    double[] wb = b.params();
    double maxDiff = 0;
    for (int i = 0; i < wa.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(wa[i] - wb[i]));
    }
    assertTrue(maxDiff <= 1e-9, "max |w_fit - w_cli| = " + maxDiff);
  }

  @Test
  void outputColumnsHaveMllibTypesAndEvaluatorsAcceptThem() {
    Dataset<Row> train = Digits.assembled(Digits.train());
    MlpClassificationModel model = new MlpClassifier().setMaxIter(3).fit(train);
    Dataset<Row> scored = model.transform(Digits.assembled(Digits.test()));
    assertEquals(DataTypes.DoubleType, scored.schema().apply("prediction").dataType());
    assertEquals(SQLDataTypes.VectorType(), scored.schema().apply("probability").dataType());
    assertEquals(SQLDataTypes.VectorType(), scored.schema().apply("rawPrediction").dataType());
    // Every input column is kept, in order, before the three output columns.
    String[] in = Digits.assembled(Digits.test()).columns();
    String[] outCols = scored.columns();
    assertEquals(in.length + 3, outCols.length);
    assertArrayEquals(in, java.util.Arrays.copyOf(outCols, in.length));
    Row first = scored.first();
    Vector p = first.getAs("probability");
    assertEquals(10, p.size());
    double sum = 0;
    for (double v : p.toArray()) {
      sum += v;
    }
    assertEquals(1.0, sum, 1e-12);
    assertEquals((double) p.argmax(), (double) first.<Double>getAs("prediction"), 0);
    double f1 = new MulticlassClassificationEvaluator().setMetricName("f1").evaluate(scored);
    assertTrue(f1 > 0.8 && f1 <= 1, "f1 " + f1);

    // Binary: digits 0 against 1.
    Dataset<Row> zeroOne = train.filter("label < 2");
    MlpClassificationModel binary = new MlpClassifier().setMaxIter(3).fit(zeroOne);
    assertEquals(2, binary.numClasses());
    Dataset<Row> scoredBinary =
        binary.transform(Digits.assembled(Digits.test()).filter("label < 2"));
    double auc = new BinaryClassificationEvaluator().evaluate(scoredBinary);
    assertTrue(auc > 0.99 && auc <= 1, "areaUnderROC " + auc);
  }

  @Test
  void transformIsLazyAndScoresInBlocksIdenticallyForAnyBlockSize() {
    Dataset<Row> train = Digits.assembled(Digits.train());
    MlpClassificationModel model = new MlpClassifier().setMaxIter(1).fit(train);
    Dataset<Row> test = Digits.assembled(Digits.test()).repartition(3);
    List<Row> a = model.setBlockSize(7).transform(test).select("probability").collectAsList();
    List<Row> b = model.setBlockSize(1000).transform(test).select("probability").collectAsList();
    assertEquals(a.size(), Digits.test().count());
    for (int i = 0; i < a.size(); i++) {
      Vector va = a.get(i).getAs(0);
      Vector vb = b.get(i).getAs(0);
      assertArrayEquals(va.toArray(), vb.toArray(), 1e-12);
    }
  }
}

package sparkmlp.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad input gives one IllegalArgumentException whose message names the column or param. */
class StageBadInputTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("features", SQLDataTypes.VectorType())
          .add("label", DataTypes.DoubleType)
          .add("n", DataTypes.IntegerType);

  private static Dataset<Row> frame(Row... rows) {
    return Digits.spark().createDataFrame(Arrays.asList(rows), SCHEMA);
  }

  private static Row row(double label, double... x) {
    return RowFactory.create(Vectors.dense(x), label, 1);
  }

  private static void fails(String message, Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  private static MlpClassifier quick() {
    return new MlpClassifier().setMaxIter(1).setHiddenLayers(new int[] {2});
  }

  @Test
  void missingOrMistypedColumnsAreNamed() {
    Dataset<Row> df = frame(row(0, 1, 2), row(1, 3, 4));
    fails(
        "featuresCol: column 'x' not found; the dataset has features, label, n",
        () -> quick().setFeaturesCol("x").fit(df));
    fails(
        "labelCol: column 'y' not found; the dataset has features, label, n",
        () -> quick().setLabelCol("y").fit(df));
    fails(
        "featuresCol: column 'n' must be a Vector (e.g. from VectorAssembler), found int",
        () -> quick().setFeaturesCol("n").fit(df));
    fails(
        "validationIndicatorCol: column 'n' must be boolean, found int",
        () -> quick().setValidationIndicatorCol("n").fit(df));
  }

  @Test
  void badRowsAreNamedByColumnAndRow() {
    fails(
        "featuresCol: column 'features': row 2 has 3 features, expected 2 (vectors must all have"
            + " one size)",
        () -> quick().fit(frame(row(0, 1, 2), row(1, 3, 4, 5))));
    fails(
        "featuresCol: column 'features': row 2, feature 1 is NaN, expected a finite number",
        () -> quick().fit(frame(row(0, 1, 2), row(1, 3, Double.NaN))));
    fails(
        "featuresCol: column 'features': row 1, feature 0 is Infinity, expected a finite number",
        () -> quick().fit(frame(row(0, Double.POSITIVE_INFINITY, 2), row(1, 3, 4))));
    fails(
        "labelCol: column 'label': row 2 is 0.5, expected a class index, an integer in [0, 2)",
        () -> quick().fit(frame(row(1, 1, 2), row(0.5, 3, 4))));
    fails(
        "labelCol: column 'label': row 1 is -1.0, expected a class index, an integer in [0, 2)",
        () -> quick().fit(frame(row(-1, 1, 2), row(1, 3, 4))));
    fails(
        "labelCol: column 'label': row 2 is 3.0, expected a class index, an integer in [0, 3)",
        () -> quick().setLayers(new int[] {2, 2, 3}).fit(frame(row(1, 1, 2), row(3, 3, 4))));
    fails("the dataset is empty: fit needs at least one row", () -> quick().fit(frame()));
    fails(
        "labelCol: column 'label' holds NaN, expected class indices 0…k−1",
        () -> quick().fit(frame(row(0, 1, 2), row(Double.NaN, 3, 4))));
    fails(
        "labelCol: column 'label' has labels up to 1.0E9; a classifier takes class indices 0…k−1"
            + " with k <= 10000 unless layers says k",
        () -> quick().fit(frame(row(0, 1, 2), row(1e9, 3, 4))));
    fails(
        "param layers: [3, 2, 2] must start with the 2 features of column 'features' and end with"
            + " the 2 classes",
        () -> quick().setLayers(new int[] {3, 2, 2}).fit(frame(row(0, 1, 2), row(1, 3, 4))));
  }

  @Test
  void paramsAreCheckedWhenSetBeforeAnyJob() {
    MlpClassifier c = new MlpClassifier();
    fails("param stepSize: expected a number > 0, found 0.0", () -> c.setStepSize(0));
    fails("param maxIter: expected an integer >= 1, found 0", () -> c.setMaxIter(0));
    fails("param batchSize: expected an integer >= 1, found -5", () -> c.setBatchSize(-5));
    fails(
        "param layers: expected at least an input and an output size, found [4]",
        () -> c.setLayers(new int[] {4}));
    fails(
        "param hiddenLayers: expected sizes >= 1, found [8, 0]",
        () -> c.setHiddenLayers(new int[] {8, 0}));
    fails(
        "param activation: expected one of sigmoid, tanh, relu, identity, found 'softplus'",
        () -> c.setActivation("softplus"));
    fails(
        "param solver: 'l-bfgs' is MLPC's full-batch solver, which sparkmlp does not offer; use"
            + " adam (the default) or sgd/momentum with a stepSize and batchSize",
        () -> c.setSolver("l-bfgs"));
    fails(
        "param solver: 'gd' is MLPC's full-batch solver, which sparkmlp does not offer; use"
            + " adam (the default) or sgd/momentum with a stepSize and batchSize",
        () -> c.setSolver("gd"));
    fails(
        "param scheduleGamma: expected a number in (0, 1], found 1.5",
        () -> c.setScheduleGamma(1.5));
    assertEquals("momentum", c.setSolver("Momentum").getSolver());
    fails(
        "param schedule: expected one of constant, step, exponential, cosine, one-cycle, found"
            + " 'linear'",
        () -> c.setSchedule("linear"));
    fails(
        "param schedulePctStart: expected a number in (0, 1), found 1.0",
        () -> c.setSchedulePctStart(1));
    fails(
        "param scheduleMinFraction: expected a number in [0, 1], found -0.5",
        () -> c.setScheduleMinFraction(-0.5));
    fails(
        "param scheduleDivFactor: expected a number >= 1, found 0.5",
        () -> c.setScheduleDivFactor(0.5));
    fails(
        "param scheduleFinalDivFactor: expected a number >= 1, found Infinity",
        () -> c.setScheduleFinalDivFactor(Double.POSITIVE_INFINITY));
    fails(
        "param scheduleWarmupSteps: expected an integer >= 0, found -1",
        () -> c.setScheduleWarmupSteps(-1));
    assertEquals("one-cycle", c.setSchedule(" One-Cycle").getSchedule());
  }

  /** A warm-up in front of one-cycle is refused by the config check, before any data is read. */
  @Test
  void oneCycleWithAWarmupIsRefusedAtFit() {
    fails(
        "config key 'mlp.train.schedule.warmup-steps' must be 0 with one-cycle, which warms up"
            + " over pct-start of the run, found 5",
        () ->
            quick()
                .setSchedule("one-cycle")
                .setScheduleWarmupSteps(5)
                .fit(frame(row(0, 1, 2), row(1, 3, 4))));
  }

  /** The stages' defaults are reference.conf's (the settings mlp train also has). */
  @Test
  void defaultsAreReferenceConfs() {
    MlpClassifier c = new MlpClassifier();
    assertEquals("features", c.getFeaturesCol());
    assertEquals("label", c.getLabelCol());
    assertEquals(42L, c.getSeed());
    assertEquals(List.of(64), Arrays.stream(c.getHiddenLayers()).boxed().toList());
    assertEquals("relu", c.getActivation());
    assertEquals("adam", c.getSolver());
    assertEquals(0.001, c.getStepSize());
    assertEquals(64, c.getBatchSize());
    assertEquals(0, c.getPatience());
    assertEquals("constant", c.getSchedule());
    assertEquals(10, c.getScheduleStepEpochs());
    assertEquals(0.5, c.getScheduleGamma());
    assertEquals(0, c.getScheduleWarmupSteps());
    assertEquals(0.0, c.getScheduleMinFraction());
    assertEquals(0.3, c.getSchedulePctStart());
    assertEquals(25.0, c.getScheduleDivFactor());
    assertEquals(1e4, c.getScheduleFinalDivFactor());
    assertEquals("standard", c.getNormalization());
    // MLlib's own: MLPC's maxIter and blockSize
    assertEquals(100, c.getMaxIter());
    assertEquals(128, c.getBlockSize());
  }

  @Test
  void explainParamsDocumentsEveryParamWithItsDefault() {
    String text = new MlpClassifier().explainParams();
    for (String p :
        List.of(
            "featuresCol",
            "labelCol",
            "predictionCol",
            "probabilityCol",
            "rawPredictionCol",
            "weightCol",
            "validationIndicatorCol",
            "seed",
            "layers",
            "hiddenLayers",
            "activation",
            "solver",
            "stepSize",
            "maxIter",
            "batchSize",
            "blockSize",
            "tol",
            "patience",
            "weightDecay",
            "schedule",
            "scheduleStepEpochs",
            "scheduleGamma",
            "scheduleWarmupSteps",
            "scheduleMinFraction",
            "schedulePctStart",
            "scheduleDivFactor",
            "scheduleFinalDivFactor",
            "normalization",
            "checkpointDir",
            "initialWeights",
            "initialModel")) {
      assertEquals(true, text.contains(p + ": "), p + " missing from explainParams:\n" + text);
    }
    assertEquals(
        true,
        text.contains(
            "maxIter: epochs: passes over the training data (>= 1); default 100, as"
                + " MLPC's maxIter (default: 100)"),
        text);
  }
}

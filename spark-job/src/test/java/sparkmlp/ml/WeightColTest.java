package sparkmlp.ml;

import static org.apache.spark.sql.functions.array_repeat;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** weightCol through fit: integer weights train like repeated rows, weight 0 like no row. */
class WeightColTest {

  private static MlpClassifier fullBatch() {
    // One step per epoch over every row, and no normalisation (whose statistics would count
    // repeated rows), so both runs see the same averaged gradient at every step.
    return new MlpClassifier()
        .setHiddenLayers(new int[] {8})
        .setNormalization("none")
        .setBatchSize(100_000)
        .setStepSize(0.01)
        .setMaxIter(5);
  }

  @Test
  void integerWeightsTrainLikeRowsRepeatedWeightManyTimes() {
    Dataset<Row> rows =
        Digits.assembled(Digits.train())
            .limit(300)
            .withColumn("w", col("label").mod(4).cast("double"));
    Dataset<Row> repeated =
        rows.withColumn("copy", explode(array_repeat(lit(1), col("w").cast("int"))));
    assertTrue(rows.filter("w = 0").count() > 0);
    double[] weighted = fullBatch().setWeightCol("w").fit(rows).model().params();
    double[] copies = fullBatch().fit(repeated).model().params();
    double maxDiff = 0;
    for (int i = 0; i < weighted.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(weighted[i] - copies[i]));
    }
    assertTrue(maxDiff <= 1e-9, "max |w_weighted - w_repeated| = " + maxDiff);
    double[] unweighted = fullBatch().fit(rows).model().params();
    double change = 0;
    for (int i = 0; i < weighted.length; i++) {
      change = Math.max(change, Math.abs(unweighted[i] - weighted[i]));
    }
    assertTrue(change > 1e-3, "weights changed the model by only " + change);
  }

  @Test
  void negativeWeightIsNamedByColumnAndRow() {
    Dataset<Row> rows =
        Digits.assembled(Digits.train()).limit(20).withColumn("w", col("label").minus(lit(1)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fullBatch().setWeightCol("w").fit(rows));
    int firstZeroLabel = 0;
    java.util.List<Row> labels = rows.select("label").collectAsList();
    while (labels.get(firstZeroLabel).getInt(0) != 0) {
      firstZeroLabel++;
    }
    assertEquals(
        "weightCol: column 'w': row "
            + (firstZeroLabel + 1)
            + " is -1.0, expected a finite number >= 0",
        e.getMessage());
  }
}

package sparkmlp.spark.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.Normalizer;
import sparkmlp.spark.io.InputException;

/** The guard before fitting a normalisation: one line naming the file and the column. */
class FeatureStatisticsCheckTest {
  @Test
  void statisticsThatAreNotFiniteNameFileAndColumn() {
    FeatureStats s = new FeatureStats(2);
    s.add(new double[] {1, 2}, 0).add(new double[] {3, Double.NEGATIVE_INFINITY}, 0);
    List<String> names = List.of("sepal_length", "petal_width");
    assertEquals(
        "data/train.csv: column 'petal_width': statistics are not finite (mean NaN, standard"
            + " deviation NaN, min -Infinity, max 2.0), cannot fit minmax normalization",
        assertThrows(
                InputException.class,
                () ->
                    DataPreparer.checkStatistics(
                        "data/train.csv", names, Normalizer.Kind.MINMAX, s))
            .getMessage());
    // without normalisation nothing is fitted, so nothing to refuse
    DataPreparer.checkStatistics("data/train.csv", names, Normalizer.Kind.NONE, s);
  }

  @Test
  void hugeButFiniteValuesPass() {
    FeatureStats s = new FeatureStats(1);
    s.add(new double[] {1e308}, 0).add(new double[] {-1.7e308}, 0).add(new double[] {3}, 0);
    DataPreparer.checkStatistics("t.csv", List.of("a"), Normalizer.Kind.STANDARD, s);
  }
}

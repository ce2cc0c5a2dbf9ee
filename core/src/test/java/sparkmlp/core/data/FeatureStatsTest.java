package sparkmlp.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureStatsTest {

  @Test
  void smallExampleHasKnownMomentsAndRange() {
    FeatureStats s = new FeatureStats(2);
    double[][] rows = {{1, -3}, {2, 5}, {3, 0}, {4, 2}};
    for (double[] r : rows) {
      s.add(r, 0);
    }
    assertEquals(4, s.count());
    assertEquals(2.5, s.mean(0), 1e-15);
    assertEquals(Math.sqrt(1.25), s.std(0), 1e-15);
    assertEquals(1, s.min(0));
    assertEquals(4, s.max(0));
    assertEquals(1.0, s.mean(1), 1e-15);
    // deviations -4, 4, -1, 1: M2 = 34, population variance 8.5
    assertEquals(Math.sqrt(8.5), s.std(1), 1e-15);
    assertEquals(-3, s.min(1));
    assertEquals(5, s.max(1));
  }

  @Test
  void mergeOfPartsEqualsOnePass() {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 500;
    int f = 4;
    double[] x = new double[n * f];
    for (int i = 0; i < n; i++) {
      x[i * f] = 1000 + rnd.nextGaussian(); // large mean, small spread
      x[i * f + 1] = rnd.nextDouble(-5, 5);
      x[i * f + 2] = 1e-6 * rnd.nextGaussian();
      x[i * f + 3] = 3.0; // constant
    }
    FeatureStats one = new FeatureStats(f);
    for (int i = 0; i < n; i++) {
      one.add(x, i * f);
    }
    int[] cuts = {0, 0, 137, 138, 400, n}; // includes an empty part and a one-example part
    FeatureStats merged = new FeatureStats(f);
    for (int c = 0; c + 1 < cuts.length; c++) {
      FeatureStats part = new FeatureStats(f);
      for (int i = cuts[c]; i < cuts[c + 1]; i++) {
        part.add(x, i * f);
      }
      merged.merge(part);
    }
    assertEquals(n, merged.count());
    for (int j = 0; j < f; j++) {
      assertEquals(
          one.mean(j),
          merged.mean(j),
          1e-12 * Math.max(1e-300, Math.abs(one.mean(j))),
          "mean " + j);
      assertEquals(one.std(j), merged.std(j), 1e-12 * Math.max(1e-300, one.std(j)), "std " + j);
      assertEquals(one.min(j), merged.min(j));
      assertEquals(one.max(j), merged.max(j));
    }
    assertEquals(0.0, merged.std(3));
    assertEquals(3.0, merged.mean(3));
  }

  @Test
  void addAllReadsEveryExampleOfABlock() {
    DataBlock b = DataBlocks.fromRows(new double[][] {{1, 10}, {3, 30}}, new double[][] {{0}, {1}});
    FeatureStats s = new FeatureStats(2).addAll(b);
    assertEquals(2, s.count());
    assertEquals(2, s.mean(0));
    assertEquals(20, s.mean(1));
    assertEquals(10, s.std(1), 1e-15);
    float[] xf = {1, 10, 3, 30};
    FeatureStats sf = new FeatureStats(2).addAll(DataBlock.ofFloats(2, 1, xf, new double[2], null));
    assertEquals(s.mean(1), sf.mean(1));
  }

  @Test
  void emptyStatisticsAndMismatchedMerges() {
    FeatureStats empty = new FeatureStats(3);
    assertEquals(0, empty.count());
    assertEquals(0.0, empty.std(0));
    assertEquals(
        "cannot merge statistics of 2 features into 3",
        assertThrows(IllegalArgumentException.class, () -> empty.merge(new FeatureStats(2)))
            .getMessage());
  }

  @Test
  void hugeFiniteValuesGiveFiniteMomentsInOnePassAndMerged() {
    // ±1e308: mean 0, population standard deviation 1e308; the unscaled deviation 2e308 overflows
    double[] x = {1e308, -1e308};
    FeatureStats one = new FeatureStats(1).add(x, 0).add(x, 1);
    assertEquals(0.0, one.mean(0));
    assertEquals(1e308, one.std(0), 1e308 * 1e-15);
    FeatureStats merged =
        new FeatureStats(1)
            .merge(new FeatureStats(1).add(x, 0))
            .merge(new FeatureStats(1).add(x, 1));
    assertEquals(0.0, merged.mean(0));
    assertEquals(1e308, merged.std(0), 1e308 * 1e-15);
    assertEquals(-1, merged.firstNonFinite());
  }

  @Test
  void oneHugeValueAmongSmallOnesAcrossPartitions() {
    // a column like iris's sepal length with one cell 1e308, n = 120: mean 1e308/120 plus the small
    // values' share; population std = 1e308·√(119)/120 to within 1e-12 (the small values' part is
    // ~1e-306 of it)
    int n = 120;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 4.3 + (i % 37) * 0.1;
    }
    x[57] = 1e308;
    double expectedStd = 1e308 / n * Math.sqrt(n - 1);
    assertTrue(Double.isFinite(expectedStd));
    FeatureStats merged = new FeatureStats(1);
    int[] cuts = {0, 40, 57, 58, 90, n};
    for (int c = 0; c + 1 < cuts.length; c++) {
      FeatureStats part = new FeatureStats(1);
      for (int i = cuts[c]; i < cuts[c + 1]; i++) {
        part.add(x, i);
      }
      merged.merge(part);
    }
    assertEquals(1e308 / n, merged.mean(0), 1e308 / n * 1e-12);
    assertEquals(expectedStd, merged.std(0), expectedStd * 1e-12);
    FeatureStats one = new FeatureStats(1);
    for (int i = 0; i < n; i++) {
      one.add(x, i);
    }
    assertEquals(expectedStd, one.std(0), expectedStd * 1e-12);
    assertEquals(1e308, one.max(0));
  }

  @Test
  void scalingIsExactForOrdinaryValues() {
    // values below 2 in magnitude keep the unit 1: the same bits as plain Welford
    double[] x = {0.1, 1.7, -0.3, 0.9};
    FeatureStats s = new FeatureStats(1);
    double mean = 0;
    double m2 = 0;
    for (int i = 0; i < x.length; i++) {
      s.add(x, i);
      double d = x[i] - mean;
      mean += d / (i + 1);
      m2 += d * (x[i] - mean);
    }
    assertEquals(mean, s.mean(0));
    assertEquals(Math.sqrt(m2 / x.length), s.std(0));
  }

  @Test
  void infiniteValuesAreReportedNotHidden() {
    FeatureStats s = new FeatureStats(2);
    s.add(new double[] {1, 2}, 0).add(new double[] {3, Double.POSITIVE_INFINITY}, 0);
    assertEquals(1, s.firstNonFinite());
    assertEquals(-1, new FeatureStats(2).firstNonFinite());
  }
}

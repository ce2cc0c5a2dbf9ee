package sparkmlp.core.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  // rows = true class, columns = predicted class
  private static final long[][] CONFUSION = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};

  @Test
  void handMadeConfusionMatrixGivesExactFigures() {
    ClassificationMetrics m = ClassificationMetrics.of(CONFUSION);
    assertEquals(12.0 / 16, m.accuracy(), 0);
    // predicted totals (column sums) 7, 4, 5; supports (row sums) 6, 6, 4
    assertArrayEquals(new long[] {6, 6, 4}, m.support());
    assertArrayEquals(new double[] {5.0 / 7, 3.0 / 4, 4.0 / 5}, m.precision(), 1e-16);
    assertArrayEquals(new double[] {5.0 / 6, 3.0 / 6, 4.0 / 4}, m.recall(), 1e-16);
    // F1 = 2PR / (P + R): 10/13, 3/5, 8/9
    assertArrayEquals(new double[] {10.0 / 13, 3.0 / 5, 8.0 / 9}, m.f1(), 1e-15);
    assertEquals((5.0 / 7 + 3.0 / 4 + 4.0 / 5) / 3, m.macroPrecision(), 1e-15);
    assertEquals((5.0 / 6 + 0.5 + 1.0) / 3, m.macroRecall(), 1e-15);
    assertEquals((10.0 / 13 + 0.6 + 8.0 / 9) / 3, m.macroF1(), 1e-15);
  }

  @Test
  void classNeverPredictedOrNeverPresentScoresZero() {
    ClassificationMetrics m =
        ClassificationMetrics.of(new long[][] {{3, 0, 0}, {2, 0, 0}, {0, 0, 0}});
    assertEquals(0.6, m.accuracy(), 1e-16);
    assertArrayEquals(new double[] {0.6, 0, 0}, m.precision(), 1e-16);
    assertArrayEquals(new double[] {1, 0, 0}, m.recall(), 0);
    assertArrayEquals(new double[] {0.75, 0, 0}, m.f1(), 1e-15);
    assertArrayEquals(new long[] {3, 2, 0}, m.support());
  }

  @Test
  void emptyMatrixHasUndefinedAccuracy() {
    assertTrue(Double.isNaN(ClassificationMetrics.of(new long[2][2]).accuracy()));
  }
}

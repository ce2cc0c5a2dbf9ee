package sparkmlp.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sparkmlp.core.task.Task;

class GateMetricTest {
  @Test
  void rocAucCountsPairsAndHalvesTies() {
    // positives 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4) (0.8>0.1) (0.4=0.4 -> 1/2) (0.4>0.1)
    double auc =
        GateMetric.rocAuc(
            new double[] {0.8, 0.4, 0.4, 0.1}, new boolean[] {true, true, false, false});
    assertEquals(3.5 / 4, auc, 1e-15);
    assertEquals(1.0, GateMetric.rocAuc(new double[] {0.1, 0.9}, new boolean[] {false, true}), 0);
    assertTrue(Double.isNaN(GateMetric.rocAuc(new double[] {0.1}, new boolean[] {true})));
  }

  @Test
  void toleranceAndFloorFollowTheDirection() {
    assertTrue(GateMetric.ACCURACY.withinTolerance(0.90, 0.91, 0.02));
    assertFalse(GateMetric.ACCURACY.withinTolerance(0.88, 0.91, 0.02));
    assertTrue(GateMetric.LOG_LOSS.withinTolerance(0.32, 0.30, 0.02));
    assertFalse(GateMetric.LOG_LOSS.withinTolerance(0.33, 0.30, 0.02));
    assertTrue(GateMetric.RMSE.meets(1.0, 1.5));
    assertFalse(GateMetric.R2.meets(0.5, 0.6));
  }

  @Test
  void metricsNameTheTasksTheyDoNotFit() {
    assertEquals(
        "gate metric auc is not defined for multiclass models",
        GateMetric.AUC.unsupportedFor(Task.MULTICLASS));
    assertNull(GateMetric.AUC.unsupportedFor(Task.BINARY));
    assertEquals(GateMetric.MACRO_F1, GateMetric.fromId("Macro-F1"));
  }
}

package sparkmlp.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void constantKeepsTheBaseRate() {
    LearningRateSchedule s = LearningRateSchedule.constant();
    assertEquals(0.01, s.rate(0.01, 0));
    assertEquals(0.01, s.rate(0.01, 99));
    assertEquals("constant", s.describe());
  }

  @Test
  void stepDecayChangesOnlyAtEpochBoundaries() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(3, 0.5);
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125};
    for (int e = 0; e < expected.length; e++) {
      assertEquals(expected[e], s.rate(0.1, e), 1e-17, "epoch " + e);
    }
    assertEquals("step(every 3 epochs, gamma 0.5)", s.describe());
  }

  @Test
  void exponentialDecaysEveryEpoch() {
    LearningRateSchedule s = LearningRateSchedule.exponential(0.9);
    assertEquals(0.2, s.rate(0.2, 0), 0);
    assertEquals(0.18, s.rate(0.2, 1), 1e-16);
    assertEquals(0.2 * 0.729, s.rate(0.2, 3), 1e-16);
    assertEquals(0.2 * Math.pow(0.9, 50), s.rate(0.2, 50), 1e-18);
    assertEquals("exponential(gamma 0.9)", s.describe());
  }

  @Test
  void badSettingsAreRejected() {
    assertEquals(
        "step-epochs must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0, 0.5))
            .getMessage());
    assertEquals(
        "gamma must be in (0, 1], found 0.0",
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0))
            .getMessage());
    assertEquals(
        "gamma must be in (0, 1], found 1.5",
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(2, 1.5))
            .getMessage());
  }
}

package sparkmlp.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sparkmlp.core.optim.LearningRateSchedule.RunLength;

class ScheduleKindTest {
  private record P(
      int stepEpochs,
      double gamma,
      int warmupSteps,
      double minFraction,
      double pctStart,
      double divFactor,
      double finalDivFactor)
      implements ScheduleKind.Parameters {}

  @Test
  void idsAreTheConfigWords() {
    assertArrayEquals(
        new String[] {"constant", "step", "exponential", "cosine", "one-cycle"},
        ScheduleKind.ids());
    assertEquals(ScheduleKind.ONE_CYCLE, ScheduleKind.fromId(" One-Cycle "));
    assertEquals(
        "unknown schedule 'linear'; expected one of constant, step, exponential, cosine, one-cycle",
        assertThrows(IllegalArgumentException.class, () -> ScheduleKind.fromId("linear"))
            .getMessage());
  }

  @Test
  void warmupGoesInFrontOfEveryScheduleButOneCycle() {
    P p = new P(10, 0.5, 4, 0.1, 0.3, 25, 1e4);
    RunLength run = new RunLength(10, 10);
    assertEquals(0.25, ScheduleKind.CONSTANT.create(p).rate(1, 0, run), 0);
    assertEquals(1, ScheduleKind.CONSTANT.create(p).rate(1, 4, run), 0);
    assertEquals(0.5, ScheduleKind.STEP.create(p).rate(1, 1, run), 0);
    assertEquals(0.75, ScheduleKind.EXPONENTIAL.create(p).rate(1, 2, run), 0);
    assertEquals(0.25, ScheduleKind.COSINE.create(p).rate(1, 0, run), 0);
    assertEquals(1, ScheduleKind.COSINE.create(p).rate(1, 4, run), 0);
    assertEquals(
        "warmup-steps must be 0 with one-cycle, which warms up over pct-start of the run; found 4",
        assertThrows(IllegalArgumentException.class, () -> ScheduleKind.ONE_CYCLE.create(p))
            .getMessage());
    P none = new P(10, 0.5, 0, 0.1, 0.3, 25, 1e4);
    assertEquals(0.04, ScheduleKind.ONE_CYCLE.create(none).rate(1, 0, run), 1e-16);
    assertEquals("constant", ScheduleKind.CONSTANT.create(none).describe());
  }
}

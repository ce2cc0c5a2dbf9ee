package sparkmlp.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sparkmlp.core.optim.LearningRateSchedule.RunLength;

class LearningRateScheduleTest {
  /** 100 steps: 10 epochs of 10. */
  private static final RunLength HUNDRED = new RunLength(10, 10);

  @Test
  void constantKeepsTheBaseRate() {
    LearningRateSchedule s = LearningRateSchedule.constant();
    assertEquals(0.01, s.rate(0.01, 0, HUNDRED));
    assertEquals(0.01, s.rate(0.01, 99, HUNDRED));
    assertEquals("constant", s.describe());
  }

  @Test
  void stepDecayChangesOnlyAtEpochBoundaries() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(3, 0.5);
    RunLength run = new RunLength(4, 10);
    double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125};
    for (int e = 0; e < expected.length; e++) {
      for (int step = 0; step < 4; step++) {
        assertEquals(expected[e], s.rate(0.1, run.globalStep(e, step), run), 1e-17, "epoch " + e);
      }
    }
    assertEquals("step(every 3 epochs, gamma 0.5)", s.describe());
  }

  @Test
  void exponentialDecaysEveryEpoch() {
    LearningRateSchedule s = LearningRateSchedule.exponential(0.9);
    RunLength run = new RunLength(5, 60);
    assertEquals(0.2, s.rate(0.2, 4, run), 0); // last step of epoch 0
    assertEquals(0.18, s.rate(0.2, 5, run), 1e-16); // first of epoch 1
    assertEquals(0.2 * 0.729, s.rate(0.2, 17, run), 1e-16); // epoch 3
    assertEquals(0.2 * Math.pow(0.9, 50), s.rate(0.2, 250, run), 1e-18);
    assertEquals("exponential(gamma 0.9)", s.describe());
  }

  /**
   * Base 0.1, T = 100 steps, W = 10 warm-up steps, floor min = 0.1 · 0.1 = 0.01. Warm-up: step s
   * &lt; W runs at 0.1 · (s + 1) / 10, so step 0 → 0.01, step 5 → 0.06, step 9 → 0.1. Then rate =
   * min + (0.1 − min) · (1 + cos(π · (s − 10) / 90)) / 2: step 10 → cos 0 = 1 → 0.1; step 55 →
   * cos(π/2) = 0 → 0.01 + 0.09 / 2 = 0.055; step 99 → 0.01 + 0.09 · (1 − cos(π/90)) / 2 = 0.01 +
   * 0.09 · 0.000304586… = 0.0100274128; step 100 (past the end) → cos π = −1 → 0.01.
   */
  @Test
  void cosineWarmsUpLinearlyThenAnnealsToItsFloor() {
    LearningRateSchedule s = LearningRateSchedule.cosine(10, 0.1);
    assertEquals(0.01, s.rate(0.1, 0, HUNDRED), 1e-17);
    assertEquals(0.06, s.rate(0.1, 5, HUNDRED), 1e-16);
    assertEquals(0.1, s.rate(0.1, 9, HUNDRED), 1e-17);
    assertEquals(0.1, s.rate(0.1, 10, HUNDRED), 1e-17);
    assertEquals(0.055, s.rate(0.1, 55, HUNDRED), 1e-17);
    assertEquals(0.0100274128, s.rate(0.1, 99, HUNDRED), 1e-10);
    assertEquals(0.01, s.rate(0.1, 100, HUNDRED), 1e-17);
    assertEquals("warmup(10 steps) then cosine(min-fraction 0.1)", s.describe());
  }

  @Test
  void cosineWithoutWarmupStartsAtTheBaseRate() {
    LearningRateSchedule s = LearningRateSchedule.cosine(0, 0);
    assertEquals(0.1, s.rate(0.1, 0, HUNDRED), 0);
    assertEquals(0.05, s.rate(0.1, 50, HUNDRED), 1e-17); // cos(π/2) = 0
    assertEquals(0, s.rate(0.1, 100, HUNDRED), 1e-17);
    assertEquals("cosine(min-fraction 0.0)", s.describe());
  }

  /**
   * PyTorch's {@code OneCycleLR(max_lr=0.1, total_steps=100, pct_start=0.3, div_factor=25,
   * final_div_factor=1e4, anneal_strategy='cos', three_phase=False)}: initial_lr = max_lr /
   * div_factor = 0.004, min_lr = initial_lr / final_div_factor = 4e-7; phase 1 ends at step
   * pct_start · total − 1 = 29 (initial → max), phase 2 at total − 1 = 99 (max → min); within a
   * phase, pct = (step − start) / (end − start) and lr = end_lr + (start_lr − end_lr) / 2 · (cos(π
   * · pct) + 1). So step 0 → 0.004; step 10 → 0.1 − 0.048 · (cos(10π/29) + 1) = 0.1 − 0.048 ·
   * 1.468399 = 0.0295164; step 29 → 0.1 (the peak); step 64 → pct 35/70, 4e-7 + (0.1 − 4e-7) / 2 =
   * 0.0500002; step 99 → 4e-7.
   */
  @Test
  void oneCycleFollowsPyTorchsOneCycleLr() {
    LearningRateSchedule s = LearningRateSchedule.oneCycle(0.3, 25, 1e4);
    assertEquals(0.004, s.rate(0.1, 0, HUNDRED), 1e-17);
    assertEquals(0.0295163948, s.rate(0.1, 10, HUNDRED), 1e-10);
    assertEquals(0.1, s.rate(0.1, 29, HUNDRED), 1e-17);
    assertEquals(0.0500002, s.rate(0.1, 64, HUNDRED), 1e-17);
    assertEquals(4e-7, s.rate(0.1, 99, HUNDRED), 1e-20);
    assertEquals(4e-7, s.rate(0.1, 120, HUNDRED), 1e-20); // past the end: stays at the floor
    assertEquals(
        "one-cycle(pct-start 0.3, div-factor 25.0, final-div-factor 10000.0)", s.describe());
  }

  @Test
  void warmupGoesInFrontOfAnEpochSchedule() {
    LearningRateSchedule s =
        LearningRateSchedule.withWarmup(LearningRateSchedule.stepDecay(1, 0.5), 4);
    RunLength run = new RunLength(3, 4);
    double[] rates = new double[6];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = s.rate(0.08, i, run);
    }
    // 0.08 · 1/4, 2/4, 3/4 in epoch 0; step 3 is epoch 1's first: warm-up 4/4 = 0.08; then epoch
    // 1's own 0.04.
    assertArrayEquals(new double[] {0.02, 0.04, 0.06, 0.08, 0.04, 0.04}, rates, 1e-17);
    assertEquals("warmup(4 steps) then step(every 1 epochs, gamma 0.5)", s.describe());
  }

  @Test
  void aRateDependsOnlyOnTheGlobalStep() {
    // The same global step reached as (epoch 3, step 7) and (epoch 4, step 2) of 5-step epochs…
    RunLength run = new RunLength(10, 6);
    LearningRateSchedule s = LearningRateSchedule.oneCycle(0.25, 10, 100);
    assertEquals(37, run.globalStep(3, 7));
    assertEquals(s.rate(0.01, 37, run), s.rate(0.01, run.globalStep(3, 7), run), 0);
    // …and asked twice gives the same number (no state).
    assertEquals(s.rate(0.01, 37, run), s.rate(0.01, 37, run), 0);
  }

  @Test
  void schedulesThatDoNotFitTheRunAreRejected() {
    assertEquals(
        "warmup-steps must be fewer than the run's 100 steps (10 epochs of 10), found 100",
        assertThrows(
                IllegalArgumentException.class,
                () -> LearningRateSchedule.cosine(100, 0).check(HUNDRED))
            .getMessage());
    assertEquals(
        "one-cycle needs a warm-up phase of more than one step: pct-start 0.1 of the run's 10"
            + " steps is 1.00",
        assertThrows(
                IllegalArgumentException.class,
                () -> LearningRateSchedule.oneCycle(0.1, 25, 1e4).check(new RunLength(5, 2)))
            .getMessage());
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
    assertEquals(
        "pct-start must be in (0, 1), found 1.0",
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.oneCycle(1, 25, 1))
            .getMessage());
    assertEquals(
        "div-factor must be a finite number >= 1, found 0.5",
        assertThrows(
                IllegalArgumentException.class, () -> LearningRateSchedule.oneCycle(0.3, 0.5, 1))
            .getMessage());
    assertEquals(
        "min-fraction must be in [0, 1], found -0.1",
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0, -0.1))
            .getMessage());
    assertEquals(
        "warmup-steps must be >= 0, found -1",
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(-1, 0))
            .getMessage());
  }
}

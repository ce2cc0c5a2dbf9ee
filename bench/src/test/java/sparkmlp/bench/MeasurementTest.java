package sparkmlp.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class MeasurementTest {

  private static Runnable sleeping(long millis, AtomicIntegerArray calls, int thread) {
    return () -> {
      calls.incrementAndGet(thread);
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Test
  void aLockStepRoundLastsUntilTheSlowestThreadEndsAndTheWarmUpRoundIsNotCounted() {
    AtomicIntegerArray calls = new AtomicIntegerArray(2);
    Measurement m =
        Measurement.lockStep(new Runnable[] {sleeping(1, calls, 0), sleeping(6, calls, 1)}, 5);
    assertEquals(5, m.samples().length);
    // one warm-up round, then the five timed ones, each thread once a round
    assertArrayEquals(new int[] {6, 6}, new int[] {calls.get(0), calls.get(1)});
    for (double seconds : m.samples()) {
      assertTrue(seconds >= 0.006, "a round shorter than the slower thread's sleep: " + seconds);
    }
    assertEquals(m.best(), java.util.Arrays.stream(m.samples()).min().getAsDouble());
  }
}

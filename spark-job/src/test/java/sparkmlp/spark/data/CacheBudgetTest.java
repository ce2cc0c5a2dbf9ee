package sparkmlp.spark.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sparkmlp.spark.io.InputException;

/** Training blocks that cannot fit the executors' storage memory are refused in one line. */
class CacheBudgetTest {
  private static final long MIB = 1 << 20;

  @Test
  void anExampleCostsItsFeaturesTargetsAndRank() {
    assertEquals(100 * 4 + 8 + 8, CacheBudget.bytesPerExample(100, 1, true));
    assertEquals(100 * 8 + 3 * 8 + 8, CacheBudget.bytesPerExample(100, 3, false));
  }

  @Test
  void dataLargerThanAllExecutorsNamesTheSettingsToChange() {
    // 1,000,000 × (100 × 8 + 16) B = 778 MiB against 2 × 300 MiB.
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                CacheBudget.check(
                    1_000_000, 100, 1, false, 4, new long[] {300 * MIB, 300 * MIB}, false));
    assertEquals(
        "the training blocks need 778 MiB of cache (1000000 examples × 100 features as double),"
            + " more than the 600 MiB of storage memory free on 2 executor(s); use"
            + " mlp.data.storage=float, more executors or a larger spark.executor.memory"
            + " (spark.driver.memory on a local master)",
        e.getMessage());
  }

  @Test
  void aPartitionLargerThanAnyExecutorAsksForMorePartitions() {
    // In float 416 B an example: 397 MiB in all, 198 MiB a partition of 2, 100 MiB free on each of
    // 4.
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                CacheBudget.check(
                    1_000_000,
                    100,
                    1,
                    true,
                    2,
                    new long[] {100 * MIB, 100 * MIB, 100 * MIB, 100 * MIB + 1},
                    false));
    assertEquals(
        "one training partition needs 198 MiB of cache (1000000 examples × 100 features as float"
            + " in 2 partitions), more than the 100 MiB of storage memory free on any executor;"
            + " raise mlp.data.partitions or spark.executor.memory",
        e.getMessage());
    assertDoesNotThrow(
        () ->
            CacheBudget.check(
                1_000_000,
                100,
                1,
                true,
                4,
                new long[] {100 * MIB, 100 * MIB, 100 * MIB, 100 * MIB},
                false));
  }

  @Test
  void withDynamicAllocationOnlyAPartitionTooLargeForAnyExecutorIsRefused() {
    long[] free = {300 * MIB, 300 * MIB};
    assertDoesNotThrow(() -> CacheBudget.check(1_000_000, 100, 1, false, 4, free, true));
    assertThrows(
        InputException.class, () -> CacheBudget.check(1_000_000, 100, 1, false, 2, free, true));
  }

  @Test
  void withNoExecutorKnownYetNothingIsRefused() {
    assertDoesNotThrow(() -> CacheBudget.check(1L << 40, 100, 1, false, 1, new long[0], false));
  }
}

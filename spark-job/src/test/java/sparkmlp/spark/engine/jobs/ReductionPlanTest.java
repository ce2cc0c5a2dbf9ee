package sparkmlp.spark.engine.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.TrainSettings.Reduction;

/** The reduction rule and the limits it enforces before a run starts. */
class ReductionPlanTest {
  private static final long ONE_GIB = 1L << 30;

  @Test
  void autoSendsSmallSumsTheDirectWay() {
    // 235,146 parameters (784-256-128-10) on 8 partitions: 15.0 MB a step.
    ReductionPlan p = ReductionPlan.choose(Reduction.AUTO, 8, 235_146, 2, ONE_GIB, true);
    assertEquals(Reduction.DIRECT, p.path());
    assertEquals(8L * 8 * 235_146, p.driverBytesPerStep());
  }

  @Test
  void autoShardsWhenPartitionsTimesParametersIsLarge() {
    // 64 partitions: 120 MB a step the direct way; sharded: one gradient, 1.9 MB.
    ReductionPlan p = ReductionPlan.choose(Reduction.AUTO, 64, 235_146, 2, ONE_GIB, true);
    assertEquals(Reduction.SHARDED, p.path());
    assertEquals(8L * 235_146, p.driverBytesPerStep());
    assertEquals(2, p.shards()); // ceil(120.4 MB / 64 MiB) = 2 = the cores
    ReductionPlan big = ReductionPlan.choose(Reduction.AUTO, 64, 4_243_210, 2, ONE_GIB, true);
    assertEquals(33, big.shards()); // ceil(64 x 8 x 4,243,210 B / 64 MiB)
    assertEquals(
        Reduction.DIRECT, ReductionPlan.choose(Reduction.AUTO, 1, 4_243_210, 2, 0, true).path());
  }

  @Test
  void onAClusterAutoShardsOnceTheDriversLinkCostsMoreThanASecondStage() {
    // 235,146 parameters (1.9 MB): direct while (k - 4) x 1.9 MB <= 4 MiB, i.e. up to k = 6.
    assertEquals(
        Reduction.DIRECT,
        ReductionPlan.choose(Reduction.AUTO, 6, 235_146, 12, ONE_GIB, false).path());
    ReductionPlan seven = ReductionPlan.choose(Reduction.AUTO, 7, 235_146, 12, ONE_GIB, false);
    assertEquals(Reduction.SHARDED, seven.path());
    assertEquals(12, seven.shards());
    assertEquals("auto: on a cluster, (k - 4) x P x 8 B = 5.4 MiB > 4.0 MiB", seven.reason());
    // Digits' 4,810 parameters: direct on a cluster of 64 partitions too (2.3 MiB a step).
    assertEquals(
        Reduction.DIRECT,
        ReductionPlan.choose(Reduction.AUTO, 64, 4_810, 12, ONE_GIB, false).path());
    // The same 7 partitions on a local master stay direct.
    assertEquals(
        Reduction.DIRECT,
        ReductionPlan.choose(Reduction.AUTO, 7, 235_146, 2, ONE_GIB, true).path());
  }

  @Test
  void autoStaysWellBelowMaxResultSize() {
    // 16 MB a step is direct under the default 1 GiB, sharded when maxResultSize is 24 MiB.
    assertEquals(
        Reduction.DIRECT,
        ReductionPlan.choose(Reduction.AUTO, 8, 250_000, 2, ONE_GIB, true).path());
    assertEquals(
        Reduction.SHARDED,
        ReductionPlan.choose(Reduction.AUTO, 8, 250_000, 2, 24L << 20, true).path());
  }

  @Test
  void forcedDirectAboveMaxResultSizeNamesTheLimitAndTheSetting() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> ReductionPlan.choose(Reduction.DIRECT, 64, 2_200_000, 2, ONE_GIB, true));
    assertEquals(
        "config key 'mlp.train.reduction' is direct: 64 partitions x 2,200,000 parameters x 8 B"
            + " = 1074.2 MiB to the driver every step, above spark.driver.maxResultSize = 1024.0"
            + " MiB; use reduction=sharded (or auto), fewer partitions, or raise"
            + " spark.driver.maxResultSize",
        e.getMessage());
  }

  @Test
  void aGradientLargerThanMaxResultSizeIsRefusedOnEveryPath() {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> ReductionPlan.choose(Reduction.SHARDED, 4, 4_243_210, 2, 16L << 20, true));
    assertEquals(
        "a network of 4,243,210 parameters returns 32.4 MiB to the driver every step, above"
            + " spark.driver.maxResultSize = 16.0 MiB; raise it with --set"
            + " spark.conf.\"spark.driver.maxResultSize\"=... or use a smaller network",
        e.getMessage());
  }
}

package sparkmlp.spark.engine;

import org.apache.spark.TaskContext;

/**
 * Test hook: makes the first attempt of one step task fail, so tests can check that a retried task
 * gives the same weights. Off unless a test in this package sets a field; one volatile read per
 * task otherwise.
 */
public final class FaultInjection {
  /** Partition whose gradient task fails on its first attempt; -1 = none. */
  public static volatile int failGradientOfPartition = -1;

  /** Shard whose sum task (sharded reduction) fails on its first attempt; -1 = none. */
  public static volatile int failSumOfShard = -1;

  /**
   * Step at which the resident task ({@link ResidentTask}) of {@link #failGradientOfPartition}
   * fails in the first attempt of its stage; -1 = none, -2 = before it joins the driver.
   */
  public static volatile int failResidentAtStep = -1;

  private FaultInjection() {}

  public static void gradientTask(TaskContext context) {
    int target = failGradientOfPartition;
    if (target >= 0 && target == context.partitionId() && context.attemptNumber() == 0) {
      throw new IllegalStateException("injected failure of partition " + target + ", attempt 0");
    }
  }

  public static void sumTask(TaskContext context) {
    int target = failSumOfShard;
    if (target >= 0 && target == context.partitionId() && context.attemptNumber() == 0) {
      throw new IllegalStateException("injected failure of shard " + target + ", attempt 0");
    }
  }

  public static void residentStep(TaskContext context, int step) {
    int target = failGradientOfPartition;
    if (target >= 0
        && target == context.partitionId()
        && step == failResidentAtStep
        && context.stageAttemptNumber() == 0) {
      throw new IllegalStateException(
          "injected failure of partition " + target + " at step " + step + ", stage attempt 0");
    }
  }
}

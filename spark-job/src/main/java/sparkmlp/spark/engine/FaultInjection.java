package sparkmlp.spark.engine;

import org.apache.spark.TaskContext;

/**
 * Failures a test asks for, as Spark's own {@code spark.testing.*} settings: job-local properties
 * ({@code SparkContext.setLocalProperty} on the driver thread that runs the training) that the step
 * tasks read from their {@link TaskContext}. Unset, nothing fails: one property lookup per task. No
 * state of its own, so tests on different threads do not see each other's settings.
 */
public final class FaultInjection {
  /** Partition whose gradient task (and resident task) fails on its first attempt. */
  public static final String FAIL_GRADIENT_OF_PARTITION =
      "spark.sparkmlp.testing.failGradientOfPartition";

  /** Shard whose sum task (sharded reduction) fails on its first attempt. */
  public static final String FAIL_SUM_OF_SHARD = "spark.sparkmlp.testing.failSumOfShard";

  /**
   * Step at which the resident task of {@link #FAIL_GRADIENT_OF_PARTITION} fails in the first
   * attempt of its stage; -2 = before it joins the driver.
   */
  public static final String FAIL_RESIDENT_AT_STEP = "spark.sparkmlp.testing.failResidentAtStep";

  /**
   * Step at which the resident task of {@link #FAIL_GRADIENT_OF_PARTITION} stops, in the first
   * attempt of its stage, until it is killed: a task stuck mid-step.
   */
  public static final String STALL_RESIDENT_AT_STEP = "spark.sparkmlp.testing.stallResidentAtStep";

  /**
   * {@code true}: resident tasks on a local master join the driver over its socket, as on a
   * cluster, instead of in the driver's JVM. Read by the driver when the engine starts.
   */
  public static final String RESIDENT_SOCKETS_ONLY = "spark.sparkmlp.testing.residentSocketsOnly";

  private FaultInjection() {}

  /** Fails the first attempt of the gradient task of the partition the job names. */
  public static void gradientTask(TaskContext context) {
    int target = intProperty(context, FAIL_GRADIENT_OF_PARTITION);
    if (target >= 0 && target == context.partitionId() && context.attemptNumber() == 0) {
      throw new IllegalStateException("injected failure of partition " + target + ", attempt 0");
    }
  }

  /** Fails the first attempt of the sum task of the shard the job names. */
  public static void sumTask(TaskContext context) {
    int target = intProperty(context, FAIL_SUM_OF_SHARD);
    if (target >= 0 && target == context.partitionId() && context.attemptNumber() == 0) {
      throw new IllegalStateException("injected failure of shard " + target + ", attempt 0");
    }
  }

  /**
   * The step at which this resident task fails (its partition's, in its stage's first attempt), or
   * -1: read once when the task starts, checked each step with {@link #residentStep}.
   */
  public static int residentFailureStep(TaskContext context) {
    int target = intProperty(context, FAIL_GRADIENT_OF_PARTITION);
    int step = intProperty(context, FAIL_RESIDENT_AT_STEP);
    return target >= 0 && target == context.partitionId() && context.stageAttemptNumber() == 0
        ? step
        : -1;
  }

  /**
   * Fails a resident task at {@code failAt} (from {@link #residentFailureStep}; -1 = never), {@code
   * step} being a step index, -2 just before the task joins the driver or -3 before it validates.
   */
  public static void residentStep(TaskContext context, int failAt, int step) {
    if (failAt != -1 && step == failAt) {
      throw new IllegalStateException(
          "injected failure of partition "
              + context.partitionId()
              + " at step "
              + step
              + ", stage attempt 0");
    }
  }

  /**
   * Stops a resident task at step {@code step} until it is killed when the job asks for it ({@link
   * #STALL_RESIDENT_AT_STEP}, its partition's, in its stage's first attempt).
   */
  public static void residentStall(TaskContext context, int step) {
    int target = intProperty(context, FAIL_GRADIENT_OF_PARTITION);
    if (target < 0
        || target != context.partitionId()
        || context.stageAttemptNumber() != 0
        || intProperty(context, STALL_RESIDENT_AT_STEP) != step) {
      return;
    }
    while (!context.isInterrupted()) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static int intProperty(TaskContext context, String key) {
    String value = context.getLocalProperty(key);
    return value == null ? -1 : Integer.parseInt(value.trim());
  }
}

package sparkmlp.spark.config;

/**
 * Deadlines of the resident engines, barrier and peer ({@code mlp.train.barrier}), so a run that
 * cannot go on fails with one line instead of hanging.
 *
 * @param joinTimeoutSeconds how long all of an epoch's (or a stage attempt's) tasks may take to
 *     join the driver, at least 1
 * @param stepTimeoutSeconds how long one step's exchange with the tasks (weights out, sums back)
 *     may take, at least 1
 */
public record BarrierSettings(int joinTimeoutSeconds, int stepTimeoutSeconds) {}

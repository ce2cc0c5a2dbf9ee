package sparkmlp.spark.engine.barrier;

import java.io.IOException;
import java.util.List;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.engine.link.TaskLink;

/**
 * One resident step task as the driver of a {@link BarrierEngine} sees it: the step's weights go
 * out, the partition's sum comes back; for a validation, the weights go out and the accumulators of
 * the task's validation blocks come back. Over a socket ({@link StepWire}) on a cluster; in the
 * driver's JVM ({@link LocalExchange}) on a local master.
 */
interface ResidentLink extends TaskLink {
  /**
   * Sends step {@code step} of {@code epoch} with the weights (a {@code FloatVec} for a float
   * step).
   */
  void sendStep(int epoch, int step, Vec weights) throws IOException;

  /** Waits for the task's sum of the step and adds it to {@code total}. */
  void addSumTo(GradientSum total) throws IOException;

  /** Sends the weights at which the task evaluates its validation blocks. */
  void sendEvaluate(double[] params) throws IOException;

  /** Waits for the task's accumulators of its validation blocks and adds them, in order. */
  void addMetricsTo(List<MetricsAccumulator> parts) throws IOException;

  /** Tells the task its steps are done. */
  void sendEnd() throws IOException;
}

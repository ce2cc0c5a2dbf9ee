package sparkmlp.bench;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The one place the benchmark sums Spark's task metrics: each finished task is added to the {@link
 * TaskTotals} that {@link #totalsFor} picks for it (its job's, its kind's), or dropped when that is
 * null. Events arrive on Spark's listener thread; read the totals after the bus drained, holding
 * this listener's lock.
 */
abstract class TaskMetricsListener extends SparkListener {

  /** Where the task's metrics go, or null to ignore the task. */
  protected abstract TaskTotals totalsFor(SparkListenerTaskEnd end);

  @Override
  public final synchronized void onTaskEnd(SparkListenerTaskEnd end) {
    TaskMetrics m = end.taskMetrics();
    if (m == null) {
      return;
    }
    TaskTotals totals = totalsFor(end);
    if (totals != null) {
      totals.add(end.taskInfo(), m);
    }
  }
}

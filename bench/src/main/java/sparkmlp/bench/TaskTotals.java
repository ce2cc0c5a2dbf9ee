package sparkmlp.bench;

import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Sums of what Spark reports for a set of finished tasks (one job's, or one kind of task's), filled
 * by a {@link TaskMetricsListener}. Times in milliseconds unless named {@code Ns}.
 */
final class TaskTotals {
  int tasks;
  long runMs;
  long maxRunMs;
  long cpuNs;
  long deserializeMs;
  long resultSerializeMs;
  long schedulerDelayMs;
  long resultBytes;
  long gcMs;
  long shuffleWriteNs;

  /** Adds one task; the scheduler delay is what Spark's UI shows: duration minus the rest. */
  void add(TaskInfo info, TaskMetrics m) {
    tasks++;
    runMs += m.executorRunTime();
    maxRunMs = Math.max(maxRunMs, m.executorRunTime());
    cpuNs += m.executorCpuTime();
    deserializeMs += m.executorDeserializeTime();
    resultSerializeMs += m.resultSerializationTime();
    resultBytes += m.resultSize();
    gcMs += m.jvmGCTime();
    shuffleWriteNs += m.shuffleWriteMetrics().writeTime();
    long delay =
        info.duration()
            - m.executorRunTime()
            - m.executorDeserializeTime()
            - m.resultSerializationTime()
            - (info.gettingResult() ? info.finishTime() - info.gettingResultTime() : 0);
    schedulerDelayMs += Math.max(0, delay);
  }
}

package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.RDDInfo;
import scala.collection.JavaConverters;

/**
 * Times the Spark jobs of a training run from the outside, by their descriptions: the step jobs
 * ({@code "epoch e step s/n"}) and the per-epoch validation jobs. For step jobs it splits the wall
 * time into task run time, task deserialisation, scheduler delay and the driver's time between jobs
 * (merging the sums, the update, the next broadcast). Also reads what Spark's block manager reports
 * for the cached training blocks. Events arrive on Spark's listener thread; read the results after
 * the bus drained.
 */
final class StepJobListener extends TaskMetricsListener {
  private static final String TRAINING_BLOCKS = "sparkmlp training blocks";

  private final SparkContext sc;
  private final Map<Integer, Job> running = new HashMap<>();
  private final Map<Integer, Job> byStage = new HashMap<>();
  private final List<Job> steps = new ArrayList<>();
  private final List<Job> validations = new ArrayList<>();
  private long lastJobEnd = -1;
  private String lastKind = "";
  private long sparkCachedBytes = -1;

  private static final class Job {
    final String kind;
    final long start;
    final long gapBefore;
    final TaskTotals tasks = new TaskTotals();
    long end;

    Job(String kind, long start, long gapBefore) {
      this.kind = kind;
      this.start = start;
      this.gapBefore = gapBefore;
    }
  }

  /** Means over step jobs, in milliseconds (bytes for the result size). */
  record StepStats(
      int jobs,
      double jobMs,
      double gapMs,
      double maxTaskRunMs,
      double taskRunMs,
      double taskCpuMs,
      double taskDeserializeMs,
      double taskResultSerializeMs,
      double schedulerDelayMs,
      double gcMs,
      double resultBytes) {

    ObjectNode toJson() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("step_jobs", jobs);
      n.put("job_ms", jobMs);
      n.put("driver_gap_between_jobs_ms", gapMs);
      n.put("slowest_task_run_ms", maxTaskRunMs);
      n.put("task_run_ms", taskRunMs);
      n.put("task_cpu_ms", taskCpuMs);
      n.put("task_deserialize_ms", taskDeserializeMs);
      n.put("task_result_serialize_ms", taskResultSerializeMs);
      n.put("task_scheduler_delay_ms", schedulerDelayMs);
      n.put("task_gc_ms", gcMs);
      n.put("task_result_bytes", resultBytes);
      n.put(
          "note",
          "Spark listener figures, millisecond resolution, averaged over all step jobs; the gap is from"
              + " the end of the previous job to the submission of this one (driver: merge, update, broadcast)");
      return n;
    }
  }

  StepJobListener(SparkContext sc) {
    this.sc = sc;
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    String description =
        e.properties() == null ? null : e.properties().getProperty("spark.job.description");
    String kind =
        description == null
            ? "other"
            : description.startsWith("epoch ")
                ? "step"
                : description.equals("validation") ? "validation" : "other";
    // Only between two step jobs: after a validation job the driver also writes checkpoints and
    // charts.
    long gap = kind.equals("step") && lastKind.equals("step") ? e.time() - lastJobEnd : -1;
    Job job = new Job(kind, e.time(), gap);
    running.put(e.jobId(), job);
    for (StageInfo s : JavaConverters.seqAsJavaList(e.stageInfos())) {
      byStage.put(s.stageId(), job);
    }
    // at the first job after the training blocks were cached (a step job, a validation job, or a
    // resident engine's stage)
    if (sparkCachedBytes <= 0) {
      for (RDDInfo info : sc.getRDDStorageInfo()) {
        if (TRAINING_BLOCKS.equals(info.name()) && info.memSize() > 0) {
          sparkCachedBytes = info.memSize();
        }
      }
    }
  }

  @Override
  protected TaskTotals totalsFor(SparkListenerTaskEnd e) {
    Job job = byStage.get(e.stageId());
    return job == null ? null : job.tasks;
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd e) {
    Job job = running.remove(e.jobId());
    lastJobEnd = e.time();
    lastKind = job == null ? "other" : job.kind;
    if (job == null) {
      return;
    }
    job.end = e.time();
    if (job.kind.equals("step")) {
      steps.add(job);
    } else if (job.kind.equals("validation")) {
      validations.add(job);
    }
  }

  /** Waits until Spark has delivered every event posted so far. */
  void drain() {
    try {
      sc.listenerBus().waitUntilEmpty();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Spark's listener bus did not drain", e);
    }
  }

  /** Wall seconds of each validation job, in order (one per epoch). */
  List<Double> validationSeconds() {
    List<Double> s = new ArrayList<>();
    validations.forEach(j -> s.add((j.end - j.start) / 1e3));
    return s;
  }

  /** Bytes the block manager reports for the cached training blocks, or −1 if not seen. */
  long sparkCachedBytes() {
    return sparkCachedBytes;
  }

  StepStats stepStats() {
    int n = steps.size();
    if (n == 0) {
      double nan = Double.NaN;
      return new StepStats(0, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
    }
    double jobMs = 0;
    double gap = 0;
    int gaps = 0;
    double maxRun = 0;
    long tasks = 0;
    double run = 0;
    double cpu = 0;
    double deser = 0;
    double resSer = 0;
    double delay = 0;
    double gc = 0;
    double bytes = 0;
    for (Job j : steps) {
      jobMs += j.end - j.start;
      if (j.gapBefore >= 0) {
        gap += j.gapBefore;
        gaps++;
      }
      TaskTotals k = j.tasks;
      maxRun += k.maxRunMs;
      tasks += k.tasks;
      run += k.runMs;
      cpu += k.cpuNs / 1e6;
      deser += k.deserializeMs;
      resSer += k.resultSerializeMs;
      delay += k.schedulerDelayMs;
      gc += k.gcMs;
      bytes += k.resultBytes;
    }
    double t = Math.max(1, tasks);
    return new StepStats(
        n,
        jobMs / n,
        gaps == 0 ? Double.NaN : gap / gaps,
        maxRun / n,
        run / t,
        cpu / t,
        deser / t,
        resSer / t,
        delay / t,
        gc / t,
        bytes / t);
  }
}

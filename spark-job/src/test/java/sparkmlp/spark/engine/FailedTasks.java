package sparkmlp.spark.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import sparkmlp.spark.SharedSpark;

/** Counts the task attempts that end in failure on the shared context while a run runs. */
public final class FailedTasks {
  private FailedTasks() {}

  /** Failed attempts that {@code which} accepts while {@code run} ran. */
  public static int during(Predicate<TaskInfo> which, Runnable run) throws Exception {
    SparkContext sc = SharedSpark.session().sparkContext();
    AtomicInteger failed = new AtomicInteger();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo().failed() && which.test(end.taskInfo())) {
              failed.incrementAndGet();
            }
          }
        };
    sc.addSparkListener(listener);
    try {
      run.run();
      sc.listenerBus().waitUntilEmpty();
    } finally {
      sc.removeSparkListener(listener);
    }
    return failed.get();
  }
}

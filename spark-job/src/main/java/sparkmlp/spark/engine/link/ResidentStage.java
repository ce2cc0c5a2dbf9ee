package sparkmlp.spark.engine.link;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.Function1;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import sparkmlp.spark.config.InvalidConfigException;

/**
 * The barrier stage of a resident engine's epoch, as the driver runs and watches it: launched
 * asynchronously, asked whether it failed or was superseded by a newer attempt while the driver
 * waits on its tasks, and ended (or cancelled) at the epoch's end.
 */
public final class ResidentStage {
  private static final ClassTag<Integer> INT = ClassTag$.MODULE$.apply(Integer.class);

  private final JavaSparkContext jsc;
  private JavaFutureAction<Long> stage;
  private long launched;

  public ResidentStage(JavaSparkContext jsc) {
    this.jsc = jsc;
  }

  /**
   * Refuses, with one line naming the key, what a resident engine ({@code engine}, its config id)
   * cannot run: dynamic allocation, more partitions than Spark has task slots.
   */
  public static void checkRunnable(JavaSparkContext jsc, String engine, int partitions) {
    if (jsc.getConf().getBoolean("spark.dynamicAllocation.enabled", false)) {
      throw new InvalidConfigException(
          "config key 'mlp.train.engine' is "
              + engine
              + ", which Spark cannot run with spark.dynamicAllocation.enabled = true; use engine ="
              + " jobs");
    }
    int slots = slots(jsc);
    if (slots > 0 && partitions > slots) {
      throw new InvalidConfigException(
          String.format(
              Locale.ROOT,
              "config key 'mlp.train.engine' is %s: its %d tasks (one per partition) must run"
                  + " at once, but Spark has %d task slots; set mlp.data.partitions to at most %d"
                  + " or use engine = jobs",
              engine,
              partitions,
              slots,
              slots));
    }
  }

  /**
   * Tasks Spark can run at once now, or 0 while a cluster has no executor yet (Spark itself then
   * waits for slots before it runs a barrier stage).
   */
  public static int slots(JavaSparkContext jsc) {
    SparkContext sc = jsc.sc();
    return sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
  }

  /** Whether an epoch's stage is running (launched, not yet ended or cancelled). */
  public boolean running() {
    return stage != null;
  }

  /** Stages launched so far. */
  public long launched() {
    return launched;
  }

  /** Runs {@code task} on every partition of {@code input} at once, as one barrier stage. */
  public <T> void launch(
      JavaRDD<T> input, Function1<Iterator<T>, Iterator<Integer>> task, String description) {
    RDD<Integer> resident = input.rdd().barrier().mapPartitions(task, false, INT);
    jsc.setJobDescription(description);
    // The resident tasks feed a (empty) shuffle: Spark runs a failed barrier stage again only when
    // it is a shuffle map stage, never when it is a job's result stage.
    stage =
        JavaRDD.fromRDD(resident, INT)
            .mapToPair(i -> new Tuple2<>(i, i))
            .reduceByKey(Integer::sum, 1)
            .countAsync();
    launched++;
  }

  /**
   * Throws when the stage has ended (its failure, as Spark reports it) or when Spark runs a newer
   * attempt of it than the one {@code links} joined (an IOException: the exchange is redone).
   */
  public void check(TaskLinks<?> links) throws IOException {
    if (stage.isDone()) {
      try {
        stage.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw rethrow(e);
      }
      throw new IllegalStateException("the resident stage ended before its epoch's steps");
    }
    if (links.connected() > 0 && currentAttempt(links) > links.attempt()) {
      throw new IOException("stage attempt " + links.attempt() + " was superseded");
    }
  }

  /** The newest attempt of the stage {@code links} belong to, -1 while unknown. */
  public int currentAttempt(TaskLinks<?> links) {
    return TaskLinks.currentAttempt(
        links.barrierStage(),
        id -> {
          SparkStageInfo s = jsc.statusTracker().getStageInfo(id);
          return s == null ? -1 : s.currentAttemptId();
        });
  }

  /** Waits for the stage's end, the tasks told to return; past {@code millis} names {@code key}. */
  public void finish(long millis, String key) {
    try {
      stage.get(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the resident stage ended", e);
    } catch (ExecutionException e) {
      throw rethrow(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "resident step tasks: the epoch's stage did not end within %d s of its last step"
                  + " (%s)",
              TimeUnit.MILLISECONDS.toSeconds(millis),
              key),
          e);
    } finally {
      stage = null;
    }
  }

  /** Ends a stage still running (a run that stopped part-way). */
  public void cancel() {
    if (stage != null) {
      stage.cancel(true);
      stage = null;
    }
  }

  private static RuntimeException rethrow(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException(cause == null ? e.getMessage() : cause.getMessage(), cause);
  }
}

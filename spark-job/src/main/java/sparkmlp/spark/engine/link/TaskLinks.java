package sparkmlp.spark.engine.link;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

/**
 * The resident tasks of a stage attempt as they join the driver: one link per partition, the
 * barrier stage and attempt they belong to. Tasks of another stage, of an older attempt, or for a
 * partition already joined are turned away; a newer attempt replaces the links joined so far.
 */
public final class TaskLinks<L extends TaskLink> {
  /** Where the next task comes from: one that joined within a short wait, else null. */
  public interface Arrivals<L> {
    L next(DriverPort port, StepWire.Liveness stage) throws IOException;
  }

  private final TaskLink[] links;
  private final Arrivals<L> arrivals;
  private final long joinNanos;
  private final String joinKey;
  private final Consumer<L> onJoined;
  private int connected;
  private int attempt = -1;

  /** The barrier stage of the running epoch, from its first task's hello; -1 before. */
  private int barrierStage = -1;

  /**
   * Links for {@code partitions} tasks arriving from {@code arrivals} within {@code joinNanos}
   * (past it, the error names {@code joinKey}); {@code onJoined} sees each link taken.
   */
  public TaskLinks(
      int partitions, Arrivals<L> arrivals, long joinNanos, String joinKey, Consumer<L> onJoined) {
    this.links = new TaskLink[partitions];
    this.arrivals = arrivals;
    this.joinNanos = joinNanos;
    this.joinKey = joinKey;
    this.onJoined = onJoined;
  }

  /**
   * Accepts tasks until every partition of the newest stage attempt has one, within the join
   * deadline; {@code stage} is checked whenever none arrived within a slice.
   */
  public void await(DriverPort port, StepWire.Liveness stage) throws IOException {
    long started = System.nanoTime();
    while (!complete()) {
      if (System.nanoTime() - started > joinNanos) {
        throw joinTimedOut(port);
      }
      L link = arrivals.next(port, stage);
      if (link == null) {
        stage.check();
        continue;
      }
      offer(link);
    }
  }

  /**
   * The current attempt of {@code barrierStage} as {@code attemptOf} (stage id to its current
   * attempt, -1 when unknown) reports it; -1 while the stage is unknown. Other stages of the job
   * are not asked: a rerun of a stage before it (the data's shuffle, say) is no newer attempt of
   * the resident tasks.
   */
  public static int currentAttempt(int barrierStage, IntUnaryOperator attemptOf) {
    return barrierStage < 0 ? -1 : attemptOf.applyAsInt(barrierStage);
  }

  /** The link of partition {@code p}'s task (null before it joined). */
  @SuppressWarnings("unchecked")
  public L link(int p) {
    return (L) links[p];
  }

  /** How many partitions there are. */
  public int size() {
    return links.length;
  }

  private IllegalStateException joinTimedOut(DriverPort port) {
    return new IllegalStateException(
        String.format(
            Locale.ROOT,
            "resident step tasks: %d of %d tasks joined the driver within %d s (%s): the barrier"
                + " stage needs %d free task slots at once and executors that reach %s:%d",
            connected,
            links.length,
            TimeUnit.NANOSECONDS.toSeconds(joinNanos),
            joinKey,
            links.length,
            port.taskHost(),
            port.port()));
  }

  /** A new stage: its id and attempt are unknown until its first task's hello. */
  public void newStage() {
    attempt = -1;
    barrierStage = -1;
  }

  /** Every partition has its task. */
  public boolean complete() {
    return connected >= links.length;
  }

  public int connected() {
    return connected;
  }

  public int attempt() {
    return attempt;
  }

  public int barrierStage() {
    return barrierStage;
  }

  /** Spark runs attempt {@code current} (or an older one) after the connected one failed. */
  public void raiseAttempt(int current) {
    attempt = Math.max(attempt, current);
  }

  /**
   * Takes a task's link for its partition, or closes it: a task of another stage, of an older
   * attempt, or for a partition already joined. A newer attempt drops the links joined so far.
   */
  private void offer(L link) {
    int partition = link.partition();
    if (barrierStage < 0) {
      barrierStage = link.stageId();
    }
    if (link.stageId() != barrierStage) {
      link.close();
      return;
    }
    if (link.stageAttempt() > attempt) {
      drop();
      attempt = link.stageAttempt();
    }
    if (link.stageAttempt() < attempt || links[partition] != null) {
      link.close();
      return;
    }
    links[partition] = link;
    connected++;
    onJoined.accept(link);
  }

  /** The step deadline passed: ends every link, from the timer's thread. */
  public void endLinks() {
    for (TaskLink w : links.clone()) {
      if (w != null) {
        w.close();
      }
    }
  }

  /** Closes and forgets every link. */
  public void drop() {
    for (int p = 0; p < links.length; p++) {
      if (links[p] != null) {
        links[p].close();
        links[p] = null;
      }
    }
    connected = 0;
  }
}

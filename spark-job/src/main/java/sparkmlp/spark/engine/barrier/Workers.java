package sparkmlp.spark.engine.barrier;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.GradientSum;

/**
 * The resident tasks of {@link BarrierEngine}'s running stage attempt: one link per partition, the
 * barrier stage and attempt they belong to, and how many joined in the driver's JVM and over the
 * socket.
 */
final class Workers {
  private static final String JOIN_KEY = "mlp.train.barrier.join-timeout-seconds";

  /** On a local master: each wait for arriving tasks, in the JVM, then on the socket. */
  private static final int LOCAL_SLICE_MILLIS = 20;

  private final ResidentLink[] links;
  private final LocalExchange local;
  private final long joinNanos;
  private final double[] scratch;
  private final boolean floats;
  private int connected;
  private int attempt = -1;

  /** The barrier stage of the running epoch, from its first task's hello; -1 before. */
  private int barrierStage = -1;

  private long inJvmLinks;
  private long socketLinks;

  /**
   * Links for {@code partitions} tasks, joining through {@code local} (null when the tasks join
   * only over the socket) within {@code joinNanos}; socket links read sums through {@code scratch}.
   */
  Workers(int partitions, LocalExchange local, long joinNanos, double[] scratch, boolean floats) {
    this.links = new ResidentLink[partitions];
    this.local = local;
    this.joinNanos = joinNanos;
    this.scratch = scratch;
    this.floats = floats;
  }

  /**
   * Accepts tasks until every partition of the newest stage attempt has one, within the join
   * deadline; {@code stage} is checked whenever none arrived within a slice.
   */
  void await(DriverPort port, StepWire.Liveness stage) throws IOException {
    long started = System.nanoTime();
    while (!complete()) {
      if (System.nanoTime() - started > joinNanos) {
        throw joinTimedOut(port);
      }
      ResidentLink link = nextArrival(port, stage);
      if (link == null) {
        stage.check();
        continue;
      }
      offer(link);
    }
  }

  /** A task that arrived within a slice, in this JVM or over the socket, else null. */
  private ResidentLink nextArrival(DriverPort port, StepWire.Liveness stage) throws IOException {
    if (local != null) {
      LocalExchange.Link link = local.next(LOCAL_SLICE_MILLIS);
      if (link != null) {
        link.driverLiveness(stage);
        return link;
      }
    }
    // on a local master the tasks join in this JVM: the socket (for a task that cannot) is only
    // polled between short waits on the in-JVM exchange
    DriverPort.Joined joined =
        port.next(local != null ? LOCAL_SLICE_MILLIS : StepWire.SLICE_MILLIS);
    if (joined == null) {
      return null;
    }
    joined.wire().liveness(stage);
    return new SocketLink(joined.wire(), joined.hello(), scratch, floats);
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
            JOIN_KEY,
            links.length,
            port.taskHost(),
            port.port()));
  }

  /** A new stage: its id and attempt are unknown until its first task's hello. */
  void newStage() {
    attempt = -1;
    barrierStage = -1;
  }

  /** Every partition has its task. */
  boolean complete() {
    return connected >= links.length;
  }

  int connected() {
    return connected;
  }

  int attempt() {
    return attempt;
  }

  int barrierStage() {
    return barrierStage;
  }

  long inJvmLinks() {
    return inJvmLinks;
  }

  long socketLinks() {
    return socketLinks;
  }

  /** Spark runs attempt {@code current} (or an older one) after the connected one failed. */
  void raiseAttempt(int current) {
    attempt = Math.max(attempt, current);
  }

  /**
   * Takes a task's link for its partition, or closes it: a task of another stage, of an older
   * attempt, or for a partition already joined. A newer attempt drops the links joined so far.
   */
  private void offer(ResidentLink link) {
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
    if (link instanceof LocalExchange.Link) {
      inJvmLinks++;
    } else {
      socketLinks++;
    }
  }

  /** Sends a step's weights to every task. */
  void sendStep(int epoch, int step, Vec weights) throws IOException {
    for (ResidentLink w : links) {
      w.sendStep(epoch, step, weights);
    }
  }

  /** Adds each task's sum into {@code total}, in partition order. */
  void addSumsTo(GradientSum total) throws IOException {
    for (ResidentLink w : links) {
      w.addSumTo(total);
    }
  }

  /** Tells every task the epoch is done. */
  void sendEnd() throws IOException {
    for (ResidentLink w : links) {
      w.sendEnd();
    }
  }

  /** The step deadline passed: ends every link, from the timer's thread. */
  void endLinks() {
    for (ResidentLink w : links.clone()) {
      if (w != null) {
        w.close();
      }
    }
  }

  /** Closes and forgets every link. */
  void drop() {
    for (int p = 0; p < links.length; p++) {
      if (links[p] != null) {
        links[p].close();
        links[p] = null;
      }
    }
    connected = 0;
  }
}

package sparkmlp.spark.engine.barrier;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.FloatGradientSum;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.data.GradientBuffers;
import sparkmlp.spark.engine.link.StepWire;

/**
 * The in-JVM transport of resident step tasks on a local master, where the tasks run in the
 * driver's JVM: the step's weights pass by reference and each partition's sum as the task's own
 * buffer, so a step copies nothing; otherwise the same exchange as over {@link StepWire}. A task
 * finds the exchange by the run's token; a task in another JVM finds none and uses the socket.
 */
final class LocalExchange {
  private static final ConcurrentHashMap<String, LocalExchange> OPEN = new ConcurrentHashMap<>();

  private final String key;
  private final BlockingQueue<Link> arrivals = new LinkedBlockingQueue<>();

  private LocalExchange(String key) {
    this.key = key;
  }

  /** Opens the exchange of the run with this token. */
  static LocalExchange open(long[] token) {
    LocalExchange e = new LocalExchange(key(token[0], token[1]));
    OPEN.put(e.key, e);
    return e;
  }

  /** The task's link, announced to the driver, or null when no driver in this JVM has the token. */
  static Link join(long tokenHigh, long tokenLow, int partition, int stageId, int stageAttempt) {
    LocalExchange e = OPEN.get(key(tokenHigh, tokenLow));
    if (e == null) {
      return null;
    }
    Link link = new Link(partition, stageId, stageAttempt);
    e.arrivals.add(link);
    return link;
  }

  /** The next task to arrive within {@code millis}, else null. */
  Link next(int millis) throws InterruptedIOException {
    try {
      return arrivals.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for resident tasks");
    }
  }

  void close() {
    OPEN.remove(key);
  }

  private static String key(long high, long low) {
    return high + ":" + low;
  }

  /** A step for the task, its weights by reference. */
  record Step(int epoch, int step, Vec weights) {}

  /** Ends the epoch: compared by identity, its weights never read. */
  private static final Step END = new Step(-1, -1, new DoubleVec(new double[0]));

  /** A task's sum of a step, handed to the driver as it is. */
  sealed interface Sum permits Pooled, OwnFloats {
    /** Adds the sum to {@code total}, then gives back what is the driver's to give back. */
    void addTo(GradientSum total);
  }

  /** A {@link GradientBuffers} buffer, given back once added. */
  record Pooled(GradientSum sum) implements Sum {
    @Override
    public void addTo(GradientSum total) {
      try {
        total.merge(sum);
      } finally {
        GradientBuffers.release(sum);
      }
    }
  }

  /** The partition's own float sum, which it reuses only for its next step. */
  record OwnFloats(FloatGradientSum sum) implements Sum {
    @Override
    public void addTo(GradientSum total) {
      // total += (double) f: what the other paths add after widening the floats into a buffer
      sum.addTo(total);
    }
  }

  /** Both ends of one task's link: the driver's {@link ResidentLink}, the task's wait and reply. */
  static final class Link implements ResidentLink {
    private final int partition;
    private final int stageId;
    private final int stageAttempt;
    private final BlockingQueue<Step> toTask = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Sum> toDriver = new ArrayBlockingQueue<>(1);
    private volatile boolean closed;
    private StepWire.Liveness driver = () -> {};

    private Link(int partition, int stageId, int stageAttempt) {
      this.partition = partition;
      this.stageId = stageId;
      this.stageAttempt = stageAttempt;
    }

    /** What the driver's waits ask between slices. */
    void driverLiveness(StepWire.Liveness liveness) {
      this.driver = liveness;
    }

    @Override
    public int partition() {
      return partition;
    }

    @Override
    public int stageId() {
      return stageId;
    }

    @Override
    public int stageAttempt() {
      return stageAttempt;
    }

    @Override
    public void sendStep(int epoch, int step, Vec weights) throws IOException {
      send(new Step(epoch, step, weights));
    }

    @Override
    public void addSumTo(GradientSum total) throws IOException {
      take(toDriver, driver).addTo(total);
    }

    @Override
    public void sendEnd() throws IOException {
      send(END);
    }

    @Override
    public void close() {
      closed = true;
    }

    /** The task's next step, or null at the end of the epoch. */
    Step nextStep(StepWire.Liveness task) throws IOException {
      Step s = take(toTask, task);
      return s == END ? null : s;
    }

    /** The task's sum of the step. */
    void reply(Sum sum) throws IOException {
      if (closed) {
        throw new IOException("link of partition " + partition + " closed by the driver");
      }
      if (!toDriver.offer(sum)) {
        throw new IllegalStateException("partition " + partition + " replied twice to one step");
      }
    }

    private void send(Step s) throws IOException {
      if (closed) {
        throw new IOException("link of partition " + partition + " closed");
      }
      if (!toTask.offer(s)) {
        throw new IllegalStateException("partition " + partition + " has a step not taken yet");
      }
    }

    private <T> T take(BlockingQueue<T> queue, StepWire.Liveness liveness) throws IOException {
      while (true) {
        if (closed) {
          throw new IOException("link of partition " + partition + " closed");
        }
        T item;
        try {
          item = queue.poll(StepWire.SLICE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while partition " + partition + " waited");
        }
        if (item != null) {
          return item;
        }
        liveness.check();
      }
    }
  }
}

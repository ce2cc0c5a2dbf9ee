package sparkmlp.spark.engine.barrier;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sparkmlp.core.train.FloatGradientSum;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.data.GradientBuffers;

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

  /** A step for the task, its weights by reference; {@code end} ends the epoch. */
  record Step(int epoch, int step, float[] floats, double[] doubles, boolean end) {}

  /** Both ends of one task's link: the driver's {@link ResidentLink}, the task's wait and reply. */
  static final class Link implements ResidentLink {
    private final int partition;
    private final int stageId;
    private final int stageAttempt;
    private final BlockingQueue<Step> toTask = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Object> toDriver = new ArrayBlockingQueue<>(1);
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
    public void sendStep(int epoch, int step, float[] floats, double[] doubles) throws IOException {
      send(new Step(epoch, step, floats, doubles, false));
    }

    @Override
    public void addSumTo(GradientSum total) throws IOException {
      Object sum = take(toDriver, driver);
      if (sum instanceof FloatGradientSum f) {
        // total += (double) f: what the other paths add after widening the floats into a buffer
        f.addTo(total);
        return;
      }
      GradientSum g = (GradientSum) sum;
      try {
        total.merge(g);
      } finally {
        GradientBuffers.release(g);
      }
    }

    @Override
    public void sendEnd() throws IOException {
      send(new Step(0, 0, null, null, true));
    }

    @Override
    public void close() {
      closed = true;
    }

    /** The task's next step, or null at the end of the epoch. */
    Step nextStep(StepWire.Liveness task) throws IOException {
      Step s = take(toTask, task);
      return s.end() ? null : s;
    }

    /**
     * The task's sum of the step: a {@link GradientBuffers} buffer the driver gives back, or the
     * partition's own float sum, which it reuses only for its next step.
     */
    void reply(Object sum) throws IOException {
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

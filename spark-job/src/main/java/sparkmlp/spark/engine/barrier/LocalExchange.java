package sparkmlp.spark.engine.barrier;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.metrics.MetricsAccumulator;
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

  /** What the driver asks of a task: a step, or an evaluation of its validation blocks. */
  sealed interface Order permits Step, Evaluate {}

  /** A step for the task, its weights by reference. */
  record Step(int epoch, int step, Vec weights) implements Order {}

  /** Evaluate the task's validation blocks at these weights, by reference. */
  record Evaluate(double[] params) implements Order {}

  /** Ends the task: compared by identity, its weights never read. */
  private static final Step END = new Step(-1, -1, new DoubleVec(new double[0]));

  /** What a task hands the driver: a step's sum or an evaluation's accumulators. */
  sealed interface Reply permits Sum, Metrics {}

  /** The accumulators of the task's validation blocks, in their order. */
  record Metrics(List<MetricsAccumulator> parts) implements Reply {}

  /** A task's sum of a step, handed to the driver as it is. */
  sealed interface Sum extends Reply permits Pooled, OwnFloats {
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
    private final BlockingQueue<Order> toTask = new ArrayBlockingQueue<>(1);
    private final BlockingQueue<Reply> toDriver = new ArrayBlockingQueue<>(1);
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
      take(toDriver, driver, Sum.class).addTo(total);
    }

    @Override
    public void sendEvaluate(double[] params) throws IOException {
      send(new Evaluate(params));
    }

    @Override
    public void addMetricsTo(List<MetricsAccumulator> parts) throws IOException {
      parts.addAll(take(toDriver, driver, Metrics.class).parts());
    }

    @Override
    public void sendEnd() throws IOException {
      send(END);
    }

    @Override
    public void close() {
      closed = true;
    }

    /** The task's next order, or null when the driver ends it. */
    Order next(StepWire.Liveness task) throws IOException {
      Order o = take(toTask, task, Order.class);
      return o == END ? null : o;
    }

    /** The task's sum of the step, or its accumulators of an evaluation. */
    void reply(Reply reply) throws IOException {
      if (closed) {
        throw new IOException("link of partition " + partition + " closed by the driver");
      }
      if (!toDriver.offer(reply)) {
        throw new IllegalStateException("partition " + partition + " replied twice to one order");
      }
    }

    private void send(Order s) throws IOException {
      if (closed) {
        throw new IOException("link of partition " + partition + " closed");
      }
      if (!toTask.offer(s)) {
        throw new IllegalStateException("partition " + partition + " has a step not taken yet");
      }
    }

    private <T, R extends T> R take(
        BlockingQueue<T> queue, StepWire.Liveness liveness, Class<R> expected) throws IOException {
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
          if (!expected.isInstance(item)) {
            throw new IllegalStateException(
                "partition "
                    + partition
                    + " sent "
                    + item.getClass().getSimpleName()
                    + " out of turn");
          }
          return expected.cast(item);
        }
        liveness.check();
      }
    }
  }
}

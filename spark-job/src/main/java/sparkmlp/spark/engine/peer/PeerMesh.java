package sparkmlp.spark.engine.peer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;

/**
 * A task's links to the other tasks of its stage attempt: one connection to each peer for what it
 * sends (it dialled it) and one from each for what it receives (it accepted it), each proving the
 * run's token both ways ({@link Handshake}) and sealed when the cluster asks for encryption. A
 * step's exchange: this task's sum of slice q goes to owner q while the slices of its own come in,
 * every connection at once; it adds them in partition order as they arrive, updates its slice, and
 * sends its new weights to every peer while theirs come in.
 */
final class PeerMesh implements Closeable {
  /** How long a connection may take from connecting to the end of its handshake. */
  static final int HELLO_MILLIS = 30_000;

  /** The owner's update of its slice, from the step's totals; writes its weights' slice. */
  interface SliceUpdate {
    void apply(double[] sum, double loss, long count, double weight);
  }

  private final int rank;
  private final Slices slices;
  private final StepWire[] out;
  private final StepWire[] in;
  private final ExecutorService pool;
  private final StepWire.Liveness killed;
  private final double[] sum;
  private final Vec[] received;
  private final double[] losses;
  private final long[] counts;
  private final double[] weights;
  private final AtomicInteger joined = new AtomicInteger();

  /** Done once a connection from every other task has proved itself (at once when k = 1). */
  private final CompletableFuture<Void> allJoined = new CompletableFuture<>();

  private PeerMesh(
      int rank, Slices slices, boolean floats, ExecutorService pool, StepWire.Liveness killed) {
    int k = slices.count();
    this.rank = rank;
    this.slices = slices;
    this.out = new StepWire[k];
    this.in = new StepWire[k];
    this.pool = pool;
    this.killed = killed;
    this.sum = new double[slices.length(rank)];
    this.received = new Vec[k];
    for (int r = 0; r < k; r++) {
      received[r] = r == rank ? null : Vec.zeros(slices.length(rank), floats);
    }
    this.losses = new double[k];
    this.counts = new long[k];
    this.weights = new double[k];
    if (k == 1) {
      allJoined.complete(null);
    }
  }

  /**
   * Who a task joining its peers is ({@code me}), the key it proves, whether the links are sealed,
   * and how long joining may take.
   */
  record Joining(Handshake.Hello me, byte[] key, boolean sealed, long joinMillis) {}

  /**
   * Connects task {@code joining.me().partition()} to the tasks listening at {@code addresses}
   * (host:port, in partition order; this task's own listens on {@code server}).
   */
  static PeerMesh connect(
      ServerSocket server,
      String[] addresses,
      Joining joining,
      Slices slices,
      boolean floats,
      StepWire.Liveness killed)
      throws IOException {
    Handshake.Hello me = joining.me();
    byte[] key = joining.key();
    boolean sealed = joining.sealed();
    long joinMillis = joining.joinMillis();
    int rank = me.partition();
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "mlp-peer-" + rank);
              t.setDaemon(true);
              return t;
            });
    PeerMesh mesh = new PeerMesh(rank, slices, floats, pool, killed);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(joinMillis);
    try {
      pool.submit(() -> mesh.acceptAll(server, me, key, sealed, deadline));
      for (int q = 0; q < addresses.length; q++) {
        if (q != rank) {
          mesh.out[q] = MeshWires.dial(addresses[q], me, key, sealed, killed, joinMillis);
        }
      }
      // the handshakes signal it: no accept timeout to wait out once the last peer is in
      mesh.await(mesh.allJoined);
      return mesh;
    } catch (IOException | RuntimeException e) {
      mesh.close();
      throw e;
    }
  }

  /**
   * Takes one connection from each other task of this stage attempt; turns away anything else. Each
   * handshake runs on a thread of its own under {@link #HELLO_MILLIS}, so a connection that stays
   * silent holds up no real peer.
   */
  private Void acceptAll(
      ServerSocket server, Handshake.Hello me, byte[] key, boolean sealed, long deadline)
      throws IOException {
    try {
      server.setSoTimeout(StepWire.SLICE_MILLIS);
      while (!allJoined.isDone()) {
        if (System.nanoTime() - deadline > 0) {
          throw new SocketTimeoutException(
              (slices.count() - 1 - joined.get())
                  + " of the stage's other tasks did not connect to partition "
                  + rank);
        }
        killed.check();
        try {
          Socket socket = server.accept();
          pool.submit(() -> handshake(socket, me, key, sealed, deadline));
        } catch (SocketTimeoutException e) {
          // ask again whether the task was killed or the deadline passed
        }
      }
    } catch (IOException | RuntimeException e) {
      allJoined.completeExceptionally(e);
    }
    return null;
  }

  /** Keeps a connection whose handshake proves a peer of this attempt; closes anything else. */
  private Void handshake(
      Socket socket, Handshake.Hello me, byte[] key, boolean sealed, long joinDeadline) {
    long deadline =
        Math.min(joinDeadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HELLO_MILLIS));
    StepWire wire = null;
    try {
      wire =
          new StepWire(
              socket,
              () -> {
                killed.check();
                if (System.nanoTime() - deadline > 0) {
                  throw new SocketTimeoutException("no handshake within " + HELLO_MILLIS + " ms");
                }
              });
      Handshake.Hello peer = Handshake.accept(wire, key, slices.count(), sealed);
      synchronized (in) {
        if (peer.stageId() == me.stageId()
            && peer.stageAttempt() == me.stageAttempt()
            && peer.partition() != rank
            && in[peer.partition()] == null) {
          wire.liveness(killed);
          in[peer.partition()] = wire;
          if (joined.incrementAndGet() == slices.count() - 1) {
            allJoined.complete(null);
          }
          return null;
        }
      }
      wire.close();
    } catch (IOException e) {
      // not a peer of this attempt (a stale task, a wrong token, silence): the real ones still come
      if (wire != null) {
        wire.close();
      } else {
        MeshWires.closeQuietly(socket);
      }
    }
    return null;
  }

  /**
   * One step's exchange: {@code grad} (this partition's sum, floats or doubles), its loss, count
   * and weight total go out slice by slice; the owner's totals are formed in partition order and
   * handed to {@code update}, which writes this task's slice of {@code weightsOut}; then every
   * task's slice of the new weights arrives in {@code weightsOut}.
   */
  void exchange(
      Vec grad, double loss, long count, double weight, Vec weightsOut, SliceUpdate update)
      throws IOException {
    int k = slices.count();
    losses[rank] = loss;
    counts[rank] = count;
    weights[rank] = weight;
    CompletableFuture<Void> updated = new CompletableFuture<>();
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] arrived = new CompletableFuture[k];
    Future<?>[] work = new Future<?>[2 * k];
    try {
      for (int i = 1; i < k; i++) {
        // ring order: the k-1 senders start on k-1 different owners, so no owner's link waits
        int q = (rank + i) % k;
        arrived[q] = new CompletableFuture<>();
        work[2 * q] = pool.submit(() -> send(q, grad, loss, count, weight, updated, weightsOut));
        work[2 * q + 1] = pool.submit(() -> receive(q, arrived[q], weightsOut));
      }
      java.util.Arrays.fill(sum, 0.0);
      double lossTotal = 0;
      long countTotal = 0;
      double weightTotal = 0;
      for (int r = 0; r < k; r++) {
        // 0 + g0 + g1 + ...: the order the other engines add whole sums in
        if (r == rank) {
          addSlice(grad, slices.from(rank));
        } else {
          await(arrived[r]);
          addSlice(received[r], 0);
        }
        lossTotal += losses[r];
        countTotal += counts[r];
        weightTotal += weights[r];
      }
      update.apply(sum, lossTotal, countTotal, weightTotal);
      updated.complete(null);
      for (Future<?> f : work) {
        if (f != null) {
          await(f);
        }
      }
    } catch (IOException | RuntimeException e) {
      updated.completeExceptionally(e);
      close();
      throw e;
    }
  }

  private Void send(
      int q,
      Vec grad,
      double loss,
      long count,
      double weight,
      CompletableFuture<Void> updated,
      Vec weightsOut)
      throws IOException {
    StepWire w = out[q];
    w.writeDouble(loss);
    w.writeLong(count);
    w.writeDouble(weight);
    MeshWires.write(w, grad, slices.from(q), slices.length(q));
    w.flush();
    await(updated);
    MeshWires.write(w, weightsOut, slices.from(rank), slices.length(rank));
    w.flush();
    return null;
  }

  private Void receive(int r, CompletableFuture<Void> arrived, Vec weightsOut) throws IOException {
    StepWire w = in[r];
    try {
      losses[r] = w.readDouble();
      counts[r] = w.readLong();
      weights[r] = w.readDouble();
      MeshWires.read(w, received[r], 0, slices.length(rank));
      arrived.complete(null);
    } catch (IOException | RuntimeException e) {
      arrived.completeExceptionally(e);
      throw e;
    }
    MeshWires.read(w, weightsOut, slices.from(r), slices.length(r));
    return null;
  }

  /** Adds {@code values[from .. from + slice length)} to the owner's sum (floats widened). */
  private void addSlice(Vec values, int from) {
    if (values instanceof FloatVec f) {
      float[] v = f.values();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[from + i];
      }
    } else {
      double[] v = ((DoubleVec) values).values();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[from + i];
      }
    }
  }

  /** Waits for {@code f}, asking whether the task was killed every slice. */
  private void await(Future<?> f) throws IOException {
    while (true) {
      try {
        f.get(StepWire.SLICE_MILLIS, TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        killed.check();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted during a peer exchange");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        throw new IOException(String.valueOf(cause), cause);
      }
    }
  }

  /** Closes every link (a blocked read or write on one then fails) and stops the threads. */
  @Override
  public void close() {
    synchronized (in) {
      for (int r = 0; r < out.length; r++) {
        if (out[r] != null) {
          out[r].close();
        }
        if (in[r] != null) {
          in[r].close();
        }
      }
    }
    pool.shutdownNow();
  }
}

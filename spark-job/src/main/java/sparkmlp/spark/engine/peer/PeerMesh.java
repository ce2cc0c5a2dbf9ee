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
import sparkmlp.core.linalg.Vec;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;

/**
 * A task's links to the other tasks of its stage attempt: one connection to each peer for what it
 * sends (it dialled it) and one from each for what it receives (it accepted it), each proving the
 * run's token both ways ({@link Handshake}) and sealed when the cluster asks for encryption. A
 * step's exchange: this task's sum of each layer's chunk q goes to owner q while the sums of its
 * own come in, every connection at once; it adds them in partition order as they arrive, updates
 * its chunks, and sends its new weights to every peer while theirs come in.
 */
final class PeerMesh implements Closeable {
  /** How long a connection may take from connecting to the end of its handshake. */
  static final int HELLO_MILLIS = 30_000;

  /**
   * The owner's update of its chunks, from the step's totals (its sum of each layer's chunk, in
   * layer order); writes its chunks of the weights.
   */
  interface ShardUpdate {
    void apply(double[][] sums, double loss, long count, double weight);
  }

  private final int rank;
  private final LayerShards shards;
  private final StepWire[] out;
  private final StepWire[] in;
  private final ExecutorService pool;
  private final StepWire.Liveness killed;
  private final StepExchange exchange;
  private final AtomicInteger joined = new AtomicInteger();

  /** Done once a connection from every other task has proved itself (at once when k = 1). */
  private final CompletableFuture<Void> allJoined = new CompletableFuture<>();

  private PeerMesh(
      int rank,
      LayerShards shards,
      boolean floats,
      ExecutorService pool,
      StepWire.Liveness killed) {
    int k = shards.count();
    this.rank = rank;
    this.shards = shards;
    this.out = new StepWire[k];
    this.in = new StepWire[k];
    this.pool = pool;
    this.killed = killed;
    this.exchange = new StepExchange(this, rank, shards, floats);
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
      LayerShards shards,
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
    PeerMesh mesh = new PeerMesh(rank, shards, floats, pool, killed);
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
              (shards.count() - 1 - joined.get())
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
      Handshake.Hello peer = Handshake.accept(wire, key, shards.count(), sealed);
      synchronized (in) {
        if (peer.stageId() == me.stageId()
            && peer.stageAttempt() == me.stageAttempt()
            && peer.partition() != rank
            && in[peer.partition()] == null) {
          wire.liveness(killed);
          in[peer.partition()] = wire;
          if (joined.incrementAndGet() == shards.count() - 1) {
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
   * One step's exchange ({@link StepExchange}): {@code share} computes this partition's sum, whose
   * chunks go out as its backward pass finishes them; the owner's totals are formed in partition
   * order and handed to {@code update}, which writes this task's chunks of {@code weightsOut}; the
   * other tasks' chunks of the new weights then arrive in {@code weightsOut} while this returns the
   * share: the next exchange's forward pass waits for each layer's, {@link #settle} for all.
   */
  StepExchange.Computed exchange(StepExchange.Share share, Vec weightsOut, ShardUpdate update)
      throws IOException {
    try {
      return exchange.run(share, weightsOut, update);
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Waits until the last exchange's weights are all in and its own are all out. */
  void settle() throws IOException {
    try {
      exchange.settle();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  StepWire out(int q) {
    return out[q];
  }

  StepWire in(int r) {
    return in[r];
  }

  ExecutorService pool() {
    return pool;
  }

  /** Waits for {@code f}, asking whether the task was killed every slice. */
  <T> T await(Future<T> f) throws IOException {
    while (true) {
      try {
        return f.get(StepWire.SLICE_MILLIS, TimeUnit.MILLISECONDS);
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

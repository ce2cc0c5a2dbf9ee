package sparkmlp.spark.engine.peer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import sparkmlp.core.linalg.Vec;
import sparkmlp.spark.data.GradientReady;
import sparkmlp.spark.engine.link.StepWire;

/**
 * One task's part of a step on its {@link PeerMesh}: reduce-scatter, the owner's update,
 * all-gather, cut per layer ({@link LayerShards}). As the backward pass finishes a layer's sum (the
 * last layer's first), every owner's chunk of it goes out (PyTorch DDP's buckets), then the
 * partition's loss, count and weight. The owner adds the k partitions' chunks in partition order, 0
 * + g0 + g1 + ..., whenever they arrive, so the sum is the same double whatever the timing, and
 * updates them. It then sends its new chunks to every peer first layer first and returns at once:
 * the next step's forward pass waits, before each layer, only until every peer's chunk of that
 * layer is in (PyTorch FSDP's prefetch), so the all-gather runs under the first layers' forward. On
 * each link a step's all-gather precedes the next step's reduce-scatter; {@link #settle} waits for
 * the last one. The buffers are reused from step to step.
 */
final class StepExchange {
  /** A partition's share of a step, computed on the task's thread. */
  interface Share {
    /**
     * Computes it, telling {@code ready} where the final part of its sum starts as the backward
     * pass goes, and waiting in {@link GradientReady#weightsNeeded} for the weights it reads.
     */
    Computed compute(GradientReady ready) throws IOException;
  }

  /** A computed share: the partition's sum and its totals. */
  record Computed(Vec grad, double loss, long count, double weight) {}

  private final PeerMesh mesh;
  private final int rank;
  private final LayerShards shards;

  private final OwnerSums owner;

  /** The last step's jobs on each link, which the next step's jobs on it follow. */
  private final Future<?>[] sending;

  private final Future<?>[] receiving;

  /** Done when every peer's chunk of layer l of the last step's weights is in; null: all are. */
  private CompletableFuture<Void>[] weightsIn;

  StepExchange(PeerMesh mesh, int rank, LayerShards shards, boolean floats) {
    int k = shards.count();
    this.mesh = mesh;
    this.rank = rank;
    this.shards = shards;
    this.owner = new OwnerSums(shards, rank, floats);
    this.sending = new Future<?>[k];
    this.receiving = new Future<?>[k];
  }

  /** The step's states every thread of the exchange waits on. */
  private record Signals(
      CompletableFuture<Vec>[] layerDone,
      CompletableFuture<Computed> computed,
      CompletableFuture<Void> updated,
      CompletableFuture<Void>[] reduced,
      CompletableFuture<Void>[] nextWeights) {
    void fail(Throwable e) {
      for (CompletableFuture<Void> f : reduced) {
        f.completeExceptionally(e);
      }
      for (CompletableFuture<Vec> f : layerDone) {
        f.completeExceptionally(e);
      }
      computed.completeExceptionally(e);
      updated.completeExceptionally(e);
      for (CompletableFuture<Void> f : nextWeights) {
        f.completeExceptionally(e);
      }
    }
  }

  Computed run(Share share, Vec weightsOut, PeerMesh.ShardUpdate update) throws IOException {
    int k = shards.count();
    Signals signals =
        new Signals(
            futures(shards.layers()),
            new CompletableFuture<>(),
            new CompletableFuture<>(),
            futures(k),
            futures(shards.layers()));
    AtomicIntegerArray pending = new AtomicIntegerArray(shards.layers());
    for (int l = 0; l < shards.layers(); l++) {
      pending.set(l, k - 1);
      if (k == 1) {
        signals.nextWeights()[l].complete(null);
      }
    }
    CompletableFuture<Void>[] arrived = futures(k);
    Future<?>[] lastSends = sending.clone();
    try {
      startLinks(signals, arrived, pending, weightsOut);
      Computed mine = share.compute(new Ready(signals.layerDone(), weightsIn));
      finished(signals.layerDone(), mine.grad(), 0);
      signals.computed().complete(mine);
      Computed all = owner.addInPartitionOrder(mine, arrived, mesh);
      // the last step's all-gather still reads this task's chunks of the weights: it must be out
      for (Future<?> f : lastSends) {
        if (f != null) {
          mesh.await(f);
        }
      }
      update.apply(owner.sums(), all.loss(), all.count(), all.weight());
      weightsIn = signals.nextWeights();
      signals.updated().complete(null);
      // the partition's sum is free for the next step once every owner has its chunks; the step
      // ends no sooner anyway, since each owner's update waits for them
      for (int i = 1; i < k; i++) {
        mesh.await(signals.reduced()[(rank + i) % k]);
      }
      return mine;
    } catch (UncheckedIOException e) {
      signals.fail(e.getCause());
      throw e.getCause();
    } catch (IOException | RuntimeException e) {
      signals.fail(e);
      throw e;
    }
  }

  /**
   * Starts the step's job on each link, each after the last step's on it: sending this task's
   * chunks to their owners (then, after the update, its chunks of the weights to every peer), and
   * receiving the peers' sums of its chunks (then their chunks of the weights).
   */
  private void startLinks(
      Signals signals,
      CompletableFuture<Void>[] arrived,
      AtomicIntegerArray pending,
      Vec weightsOut) {
    int k = shards.count();
    for (int i = 1; i < k; i++) {
      // ring order: the k-1 senders start on k-1 different owners, so no owner's link waits
      int q = (rank + i) % k;
      Future<?> lastSend = sending[q];
      Future<?> lastReceive = receiving[q];
      sending[q] = mesh.pool().submit(() -> send(q, lastSend, signals, weightsOut));
      receiving[q] =
          mesh.pool()
              .submit(() -> receive(q, lastReceive, arrived[q], weightsOut, pending, signals));
    }
  }

  /** Waits until the last step's all-gather is whole, in both directions. */
  void settle() throws IOException {
    for (int q = 0; q < sending.length; q++) {
      if (sending[q] != null) {
        mesh.await(sending[q]);
        mesh.await(receiving[q]);
      }
    }
    if (weightsIn != null) {
      for (CompletableFuture<Void> f : weightsIn) {
        mesh.await(f);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> CompletableFuture<T>[] futures(int n) {
    CompletableFuture<T>[] f = new CompletableFuture[n];
    for (int i = 0; i < n; i++) {
      f[i] = new CompletableFuture<>();
    }
    return f;
  }

  /** What the backward pass tells, and what the forward pass waits for. */
  private final class Ready implements GradientReady {
    private final CompletableFuture<Vec>[] layerDone;
    private final CompletableFuture<Void>[] wanted;

    Ready(CompletableFuture<Vec>[] layerDone, CompletableFuture<Void>[] wanted) {
      this.layerDone = layerDone;
      this.wanted = wanted;
    }

    @Override
    public void ready(Vec grad, int from) {
      finished(layerDone, grad, from);
    }

    @Override
    public void weightsNeeded(int upTo) {
      if (wanted == null) {
        return;
      }
      try {
        for (int l = 0; l < shards.layers() && shards.start(l) < upTo; l++) {
          mesh.await(wanted[l]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The sum from {@code from} on is final: every layer that lies wholly there may go. */
  private void finished(CompletableFuture<Vec>[] layerDone, Vec grad, int from) {
    for (int l = layerDone.length - 1; l >= 0 && shards.start(l) >= from; l--) {
      layerDone[l].complete(grad);
    }
  }

  private Void send(int q, Future<?> lastSend, Signals signals, Vec weightsOut) throws IOException {
    StepWire w = mesh.out(q);
    try {
      if (lastSend != null) {
        mesh.await(lastSend);
      }
      for (int l = shards.layers() - 1; l >= 0; l--) {
        Vec grad = mesh.await(signals.layerDone()[l]);
        MeshWires.write(w, grad, shards.from(l, q), shards.length(l, q));
      }
      Computed mine = mesh.await(signals.computed());
      w.writeDouble(mine.loss());
      w.writeLong(mine.count());
      w.writeDouble(mine.weight());
      w.flush();
      signals.reduced()[q].complete(null);
    } catch (IOException | RuntimeException e) {
      signals.reduced()[q].completeExceptionally(e);
      throw e;
    }
    mesh.await(signals.updated());
    // first layer first: the next forward pass needs it first
    for (int l = 0; l < shards.layers(); l++) {
      MeshWires.write(w, weightsOut, shards.from(l, rank), shards.length(l, rank));
      w.flush();
    }
    return null;
  }

  private Void receive(
      int r,
      Future<?> lastReceive,
      CompletableFuture<Void> arrived,
      Vec weightsOut,
      AtomicIntegerArray pending,
      Signals signals)
      throws IOException {
    StepWire w = mesh.in(r);
    try {
      if (lastReceive != null) {
        mesh.await(lastReceive);
      }
      owner.read(w, r);
      arrived.complete(null);
    } catch (IOException | RuntimeException e) {
      arrived.completeExceptionally(e);
      throw e;
    }
    try {
      for (int l = 0; l < shards.layers(); l++) {
        MeshWires.read(w, weightsOut, shards.from(l, r), shards.length(l, r));
        if (pending.decrementAndGet(l) == 0) {
          signals.nextWeights()[l].complete(null);
        }
      }
    } catch (IOException | RuntimeException e) {
      for (CompletableFuture<Void> f : signals.nextWeights()) {
        f.completeExceptionally(e);
      }
      throw e;
    }
    return null;
  }
}

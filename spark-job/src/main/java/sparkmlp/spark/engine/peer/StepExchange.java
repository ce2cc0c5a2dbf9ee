package sparkmlp.spark.engine.peer;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.spark.data.GradientReady;
import sparkmlp.spark.engine.link.StepWire;

/**
 * One task's part of a step on its {@link PeerMesh}: reduce-scatter, the owner's update,
 * all-gather. Slice q of the partition's sum goes to owner q as soon as the backward pass has
 * finished it (the last layers' slices while the first layers' backward still runs, as PyTorch
 * DDP's buckets do), then the partition's loss, count and weight. The owner adds the k slices in
 * partition order, 0 + g0 + g1 + ..., whenever they arrive, so the sum is the same double whatever
 * the timing; it updates its slice and sends the new weights to every peer while theirs come in.
 * The buffers are reused from step to step.
 */
final class StepExchange {
  /** A partition's share of a step, computed on the task's thread. */
  interface Share {
    /**
     * Computes it, telling {@code ready} where the final part of its sum starts as the backward
     * pass goes ({@link GradientReady}).
     */
    Computed compute(GradientReady ready) throws IOException;
  }

  /** A computed share: the partition's sum and its totals. */
  record Computed(Vec grad, double loss, long count, double weight) {}

  private final PeerMesh mesh;
  private final int rank;
  private final Slices slices;
  private final double[] sum;
  private final Vec[] received;
  private final double[] losses;
  private final long[] counts;
  private final double[] weights;

  StepExchange(PeerMesh mesh, int rank, Slices slices, boolean floats) {
    int k = slices.count();
    this.mesh = mesh;
    this.rank = rank;
    this.slices = slices;
    this.sum = new double[slices.length(rank)];
    this.received = new Vec[k];
    for (int r = 0; r < k; r++) {
      received[r] = r == rank ? null : Vec.zeros(slices.length(rank), floats);
    }
    this.losses = new double[k];
    this.counts = new long[k];
    this.weights = new double[k];
  }

  /** The step's states every thread of the exchange waits on. */
  private record Signals(
      CompletableFuture<Vec>[] sliceDone,
      CompletableFuture<Computed> computed,
      CompletableFuture<Void> updated) {
    void fail(Throwable e) {
      for (CompletableFuture<Vec> f : sliceDone) {
        f.completeExceptionally(e);
      }
      computed.completeExceptionally(e);
      updated.completeExceptionally(e);
    }
  }

  Computed run(Share share, Vec weightsOut, PeerMesh.SliceUpdate update) throws IOException {
    int k = slices.count();
    @SuppressWarnings("unchecked")
    CompletableFuture<Vec>[] sliceDone = new CompletableFuture[k];
    for (int q = 0; q < k; q++) {
      sliceDone[q] = new CompletableFuture<>();
    }
    Signals signals = new Signals(sliceDone, new CompletableFuture<>(), new CompletableFuture<>());
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] arrived = new CompletableFuture[k];
    Future<?>[] work = new Future<?>[2 * k];
    try {
      for (int i = 1; i < k; i++) {
        // ring order: the k-1 senders start on k-1 different owners, so no owner's link waits
        int q = (rank + i) % k;
        arrived[q] = new CompletableFuture<>();
        work[2 * q] = mesh.pool().submit(() -> send(q, signals, weightsOut));
        work[2 * q + 1] = mesh.pool().submit(() -> receive(q, arrived[q], weightsOut));
      }
      Computed mine = share.compute((grad, from) -> finished(sliceDone, grad, from));
      finished(sliceDone, mine.grad(), 0);
      signals.computed().complete(mine);
      Arrays.fill(sum, 0.0);
      double lossTotal = 0;
      long countTotal = 0;
      double weightTotal = 0;
      for (int r = 0; r < k; r++) {
        // 0 + g0 + g1 + ...: the order the other engines add whole sums in
        if (r == rank) {
          losses[r] = mine.loss();
          counts[r] = mine.count();
          weights[r] = mine.weight();
          addSlice(mine.grad(), slices.from(rank));
        } else {
          mesh.await(arrived[r]);
          addSlice(received[r], 0);
        }
        lossTotal += losses[r];
        countTotal += counts[r];
        weightTotal += weights[r];
      }
      update.apply(sum, lossTotal, countTotal, weightTotal);
      signals.updated().complete(null);
      for (Future<?> f : work) {
        if (f != null) {
          mesh.await(f);
        }
      }
      return mine;
    } catch (IOException | RuntimeException e) {
      signals.fail(e);
      throw e;
    }
  }

  /** The sum from {@code from} on is final: every slice that lies wholly there may go. */
  private void finished(CompletableFuture<Vec>[] sliceDone, Vec grad, int from) {
    for (int q = sliceDone.length - 1; q >= 0 && slices.from(q) >= from; q--) {
      sliceDone[q].complete(grad);
    }
  }

  private Void send(int q, Signals signals, Vec weightsOut) throws IOException {
    StepWire w = mesh.out(q);
    Vec grad = mesh.await(signals.sliceDone()[q]);
    MeshWires.write(w, grad, slices.from(q), slices.length(q));
    Computed mine = mesh.await(signals.computed());
    w.writeDouble(mine.loss());
    w.writeLong(mine.count());
    w.writeDouble(mine.weight());
    w.flush();
    mesh.await(signals.updated());
    MeshWires.write(w, weightsOut, slices.from(rank), slices.length(rank));
    w.flush();
    return null;
  }

  private Void receive(int r, CompletableFuture<Void> arrived, Vec weightsOut) throws IOException {
    StepWire w = mesh.in(r);
    try {
      MeshWires.read(w, received[r], 0, slices.length(rank));
      losses[r] = w.readDouble();
      counts[r] = w.readLong();
      weights[r] = w.readDouble();
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
}

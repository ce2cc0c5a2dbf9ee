package sparkmlp.spark.engine.peer;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.spark.engine.link.StepWire;

/**
 * What an owner adds in a step: each peer's sums of its chunks as they arrive (one buffer a peer,
 * the chunks one after the other in layer order) with the peer's loss, count and weight, and the
 * owner's sum of each layer's chunk, formed in partition order. Reused from step to step.
 */
final class OwnerSums {
  private final LayerShards shards;
  private final int rank;

  /** The owner's sum of each layer's chunk. */
  private final double[][] sum;

  private final Vec[] received;

  /** Where layer l's chunk starts in a received buffer. */
  private final int[] packed;

  private final double[] losses;
  private final long[] counts;
  private final double[] weights;

  OwnerSums(LayerShards shards, int rank, boolean floats) {
    int k = shards.count();
    this.shards = shards;
    this.rank = rank;
    this.sum = new double[shards.layers()][];
    this.packed = new int[shards.layers()];
    int at = 0;
    for (int l = 0; l < shards.layers(); l++) {
      sum[l] = new double[shards.length(l, rank)];
      packed[l] = at;
      at += sum[l].length;
    }
    this.received = new Vec[k];
    for (int r = 0; r < k; r++) {
      received[r] = r == rank ? null : Vec.zeros(at, floats);
    }
    this.losses = new double[k];
    this.counts = new long[k];
    this.weights = new double[k];
  }

  /** The owner's sum of each layer's chunk, after {@link #addInPartitionOrder}. */
  double[][] sums() {
    return sum;
  }

  /** Reads peer r's sums of this owner's chunks (the last layer's first), then its totals. */
  void read(StepWire w, int r) throws IOException {
    for (int l = shards.layers() - 1; l >= 0; l--) {
      MeshWires.read(w, received[r], packed[l], shards.length(l, rank));
    }
    losses[r] = w.readDouble();
    counts[r] = w.readLong();
    weights[r] = w.readDouble();
  }

  /**
   * Adds the k partitions' sums of this owner's chunks in partition order, 0 + g0 + g1 + ... (the
   * order the other engines add whole sums in), each peer's once {@code arrived} says it is in;
   * returns the step's totals over every partition (no sum).
   */
  StepExchange.Computed addInPartitionOrder(
      StepExchange.Computed mine, CompletableFuture<Void>[] arrived, PeerMesh mesh)
      throws IOException {
    double lossTotal = 0;
    long countTotal = 0;
    double weightTotal = 0;
    for (double[] s : sum) {
      Arrays.fill(s, 0.0);
    }
    for (int r = 0; r < shards.count(); r++) {
      if (r == rank) {
        losses[r] = mine.loss();
        counts[r] = mine.count();
        weights[r] = mine.weight();
        for (int l = 0; l < sum.length; l++) {
          add(sum[l], mine.grad(), shards.from(l, rank));
        }
      } else {
        mesh.await(arrived[r]);
        for (int l = 0; l < sum.length; l++) {
          add(sum[l], received[r], packed[l]);
        }
      }
      lossTotal += losses[r];
      countTotal += counts[r];
      weightTotal += weights[r];
    }
    return new StepExchange.Computed(null, lossTotal, countTotal, weightTotal);
  }

  /** Adds {@code values[from .. from + into.length)} to {@code into} (floats widened). */
  private static void add(double[] into, Vec values, int from) {
    if (values instanceof FloatVec f) {
      float[] v = f.values();
      for (int i = 0; i < into.length; i++) {
        into[i] += v[from + i];
      }
    } else {
      double[] v = ((DoubleVec) values).values();
      for (int i = 0; i < into.length; i++) {
        into[i] += v[from + i];
      }
    }
  }
}

package sparkmlp.spark.engine.peer;

import java.io.Serializable;
import java.util.Arrays;
import sparkmlp.core.layer.Network;

/**
 * The parameter vector cut per layer: layer l's weights and bias, {@code [start(l), start(l + 1))},
 * are cut into one contiguous chunk per task, chunk q being {@code [from(l, q), to(l, q))}, the
 * sizes differing by at most one. Task q owns chunk q of every layer: it adds the k partitions'
 * sums of them and keeps their weights and optimiser state. Cut this way, every owner's part of the
 * first layer can go out first and arrive first (as PyTorch FSDP's per-module shards do), which one
 * contiguous slice per task cannot.
 */
record LayerShards(int[] starts, int count) implements Serializable {
  LayerShards {
    if (count < 1) {
      throw new IllegalArgumentException("need at least one shard, found " + count);
    }
    starts = starts.clone();
  }

  /** The shards of {@code net}'s layers among {@code count} tasks. */
  static LayerShards of(Network net, int count) {
    int[] starts = new int[net.numLayers() + 1];
    for (int l = 0; l < net.numLayers(); l++) {
      starts[l] = net.weightOffset(l);
    }
    starts[net.numLayers()] = net.numParams();
    return new LayerShards(starts, count);
  }

  int numParams() {
    return starts[starts.length - 1];
  }

  int layers() {
    return starts.length - 1;
  }

  /** Where layer l's parameters start. */
  int start(int l) {
    return starts[l];
  }

  int from(int l, int q) {
    return starts[l] + (int) ((long) (starts[l + 1] - starts[l]) * q / count);
  }

  int to(int l, int q) {
    return from(l, q + 1);
  }

  int length(int l, int q) {
    return to(l, q) - from(l, q);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerShards s && s.count == count && Arrays.equals(s.starts, starts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(starts) + count;
  }

  @Override
  public String toString() {
    return "LayerShards" + Arrays.toString(starts) + " among " + count;
  }
}

package sparkmlp.spark.engine.jobs;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.PackedDoubles;

/**
 * A contiguous slice of a gradient sum: what a partition sends to one shard of the sharded
 * reduction (a view of its buffer, written without a copy), and what a shard's sum returns to the
 * driver. The loss sum, example count and weight total travel with shard 0 only. A Spark wire value
 * only.
 */
final class GradientShard implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int shard;
  private final int source;
  private final double lossSum;
  private final long count;
  private final double weight;
  private transient double[] values;
  private transient int offset;
  private transient int length;

  /**
   * Values {@code offset .. offset + length - 1} of {@code sum}'s gradient (a view, not a copy),
   * with its loss sum, count and weight when {@code withTotals}, else zeros.
   */
  GradientShard(
      int shard, int source, GradientSum sum, int offset, int length, boolean withTotals) {
    this.shard = shard;
    this.source = source;
    this.values = sum.grad();
    this.offset = offset;
    this.length = length;
    this.lossSum = withTotals ? sum.lossSum() : 0;
    this.count = withTotals ? sum.count() : 0;
    this.weight = withTotals ? sum.weight() : 0;
  }

  int shard() {
    return shard;
  }

  /** The partition it came from; -1 for a shard's sum. */
  int source() {
    return source;
  }

  double lossSum() {
    return lossSum;
  }

  long count() {
    return count;
  }

  /** Weight total of the examples (= count when unweighted). */
  double weight() {
    return weight;
  }

  int length() {
    return length;
  }

  /** Adds the slice into {@code into} from {@code at} on. */
  void addTo(double[] into, int at) {
    for (int i = 0; i < length; i++) {
      into[at + i] += values[offset + i];
    }
  }

  /** Copies the slice into {@code into} from {@code at} on. */
  void copyTo(double[] into, int at) {
    System.arraycopy(values, offset, into, at, length);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    PackedDoubles.write(out, values, offset, length);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    values = PackedDoubles.read(in);
    offset = 0;
    length = values.length;
  }
}

package sparkmlp.spark.engine.jobs;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.PackedDoubles;
import sparkmlp.core.train.PackedFloats;
import sparkmlp.spark.data.GradientBuffers;

/**
 * A partition's step sum as a direct task result. Spark serialises a task's result after the task
 * function has returned, so the executor's buffer goes back to {@link GradientBuffers} only once it
 * has been written; the driver reads a fresh {@link GradientSum}. The sum of a float step holds
 * float values (a float partial sum added into a zeroed double buffer), so it crosses as floats:
 * half the bytes, the same values. A Spark wire value only.
 */
final class StepResult implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient GradientSum sum;
  private transient boolean pooled;
  private transient boolean floats;

  private StepResult(GradientSum sum, boolean pooled, boolean floats) {
    this.sum = sum;
    this.pooled = pooled;
    this.floats = floats;
  }

  /** Wraps a buffer from {@link GradientBuffers}, released once serialised. */
  static StepResult pooled(GradientSum sum) {
    return new StepResult(sum, true, false);
  }

  /**
   * Wraps a buffer from {@link GradientBuffers} that holds a float step's sum (every value a
   * float), sent as floats and released once serialised.
   */
  static StepResult pooledFloats(GradientSum sum) {
    return new StepResult(sum, true, true);
  }

  GradientSum sum() {
    return sum;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeDouble(sum.lossSum());
    out.writeLong(sum.count());
    out.writeDouble(sum.weight());
    out.writeBoolean(floats);
    if (floats) {
      PackedFloats.writeAsFloats(out, sum.grad());
    } else {
      PackedDoubles.write(out, sum.grad());
    }
    if (pooled) {
      pooled = false;
      GradientSum written = sum;
      sum = null;
      GradientBuffers.release(written);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    double loss = in.readDouble();
    long count = in.readLong();
    double weight = in.readDouble();
    double[] grad = in.readBoolean() ? PackedFloats.readAsDoubles(in) : PackedDoubles.read(in);
    sum = new GradientSum(grad, loss, count, weight);
  }
}

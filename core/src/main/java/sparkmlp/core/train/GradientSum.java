package sparkmlp.core.train;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A sum of per-example gradients and losses over some examples, how many there were and their
 * weight total (the count itself when examples are unweighted), which the update divides by. Merged
 * by addition. Serialised with the gradient packed in bulk ({@link PackedDoubles}): it is a Spark
 * task's result every step. That is Spark's wire format only; model and checkpoint files never use
 * Java serialisation ({@code Container}).
 */
public final class GradientSum implements Serializable {
  private static final long serialVersionUID = 2L;

  private transient double[] grad;
  private double lossSum;
  private long count;
  private double weight;

  public GradientSum(double[] grad, double lossSum, long count) {
    this(grad, lossSum, count, count);
  }

  /** A sum over {@code count} examples whose weights add up to {@code weight}. */
  public GradientSum(double[] grad, double lossSum, long count, double weight) {
    this.grad = grad;
    this.lossSum = lossSum;
    this.count = count;
    this.weight = weight;
  }

  public static GradientSum zero(int numParams) {
    return new GradientSum(new double[numParams], 0, 0);
  }

  public double[] grad() {
    return grad;
  }

  public double lossSum() {
    return lossSum;
  }

  public long count() {
    return count;
  }

  /** Weight total of the examples: the divisor of the mean gradient (= count when unweighted). */
  public double weight() {
    return weight;
  }

  /** Adds another sum into this one; returns this. */
  public GradientSum merge(GradientSum o) {
    if (o.count == 0) {
      return this;
    }
    if (o.grad.length != grad.length) {
      throw new IllegalArgumentException(
          "cannot add a gradient of " + o.grad.length + " values to one of " + grad.length);
    }
    for (int i = 0; i < grad.length; i++) {
      grad[i] += o.grad[i];
    }
    lossSum += o.lossSum;
    count += o.count;
    weight += o.weight;
    return this;
  }

  /** Zeroes the sum for reuse. */
  public GradientSum reset() {
    java.util.Arrays.fill(grad, 0.0);
    lossSum = 0;
    count = 0;
    weight = 0;
    return this;
  }

  void add(double loss, long n) {
    lossSum += loss;
    count += n;
    weight += n;
  }

  void add(double loss, long n, double w) {
    lossSum += loss;
    count += n;
    weight += w;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    PackedDoubles.write(out, grad);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    grad = PackedDoubles.read(in);
  }
}

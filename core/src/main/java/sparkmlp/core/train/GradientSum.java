package sparkmlp.core.train;

import java.io.Serializable;

/** A sum of per-example gradients and losses over some examples, and how many there were. Merged by addition. */
public final class GradientSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] grad;
  private double lossSum;
  private long count;

  public GradientSum(double[] grad, double lossSum, long count) {
    this.grad = grad;
    this.lossSum = lossSum;
    this.count = count;
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

  /** Adds another sum into this one; returns this. */
  public GradientSum merge(GradientSum o) {
    if (o.count == 0) {
      return this;
    }
    if (o.grad.length != grad.length) {
      throw new IllegalArgumentException("cannot add a gradient of " + o.grad.length + " values to one of " + grad.length);
    }
    for (int i = 0; i < grad.length; i++) {
      grad[i] += o.grad[i];
    }
    lossSum += o.lossSum;
    count += o.count;
    return this;
  }

  /** Zeroes the sum for reuse. */
  public GradientSum reset() {
    java.util.Arrays.fill(grad, 0.0);
    lossSum = 0;
    count = 0;
    return this;
  }

  void add(double loss, long n) {
    lossSum += loss;
    count += n;
  }
}

package sparkmlp.core.train;

import java.util.Arrays;

/**
 * A block's share of a step computed in single precision: the gradient summed in floats over the
 * block's examples (half the bytes of a {@link GradientSum} on the wire), the loss sum, the count
 * and the weight total. Partial sums are added into a double {@link GradientSum}, so sums across
 * blocks are exact to double precision.
 */
public final class FloatGradientSum implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final float[] grad;
  private double lossSum;
  private long count;
  private double weight;

  public FloatGradientSum(int numParams) {
    this.grad = new float[numParams];
  }

  public float[] grad() {
    return grad;
  }

  public double lossSum() {
    return lossSum;
  }

  public long count() {
    return count;
  }

  /** Weight total of the block's examples (= count when unweighted). */
  public double weight() {
    return weight;
  }

  /** Zeroes the sum for reuse; returns this. */
  public FloatGradientSum reset() {
    Arrays.fill(grad, 0f);
    lossSum = 0;
    count = 0;
    weight = 0;
    return this;
  }

  void add(double loss, long n, double w) {
    lossSum += loss;
    count += n;
    weight += w;
  }

  /** Adds this partial sum into a double one; returns {@code into}. */
  public GradientSum addTo(GradientSum into) {
    double[] g = into.grad();
    if (g.length != grad.length) {
      throw new IllegalArgumentException(
          "cannot add a gradient of " + grad.length + " values to one of " + g.length);
    }
    for (int i = 0; i < g.length; i++) {
      g[i] += grad[i];
    }
    into.add(lossSum, count, weight);
    return into;
  }
}

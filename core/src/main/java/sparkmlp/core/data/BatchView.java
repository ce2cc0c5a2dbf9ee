package sparkmlp.core.data;

/**
 * A batch as one pass reads it, in double precision: {@code count} examples whose inputs start at
 * {@code x[xOff]} (one column-major column per example), their targets at {@code y[yOff]} and, when
 * {@code w} is not null, their weights at {@code w[wOff]} (null: every weight is 1). A view over
 * the caller's arrays, which it neither copies nor checks; the pass that reads it checks the shapes
 * against its network.
 */
public record BatchView(
    double[] x, int xOff, double[] y, int yOff, double[] w, int wOff, int count) {

  /** The first {@code count} examples of whole arrays, unweighted. */
  public static BatchView of(double[] x, double[] y, int count) {
    return new BatchView(x, 0, y, 0, null, 0, count);
  }

  /**
   * The first {@code count} examples of whole arrays with their weights ({@code w} may be null).
   */
  public static BatchView weighted(double[] x, double[] y, double[] w, int count) {
    return new BatchView(x, 0, y, 0, w, 0, count);
  }

  /** {@code count} unweighted examples from the given offsets. */
  public static BatchView at(double[] x, int xOff, double[] y, int yOff, int count) {
    return new BatchView(x, xOff, y, yOff, null, 0, count);
  }
}

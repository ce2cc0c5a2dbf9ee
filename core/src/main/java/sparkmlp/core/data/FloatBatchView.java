package sparkmlp.core.data;

/**
 * {@link BatchView} with single-precision inputs, for the mixed-precision pass: {@code count}
 * examples whose float inputs start at {@code x[xOff]}, their targets (double) at {@code y[yOff]}
 * and, when {@code w} is not null, their weights at {@code w[wOff]}.
 */
public record FloatBatchView(
    float[] x, int xOff, double[] y, int yOff, double[] w, int wOff, int count) {

  /** The first {@code count} examples of whole arrays, unweighted. */
  public static FloatBatchView of(float[] x, double[] y, int count) {
    return new FloatBatchView(x, 0, y, 0, null, 0, count);
  }

  /**
   * The first {@code count} examples of whole arrays with their weights ({@code w} may be null).
   */
  public static FloatBatchView weighted(float[] x, double[] y, double[] w, int count) {
    return new FloatBatchView(x, 0, y, 0, w, 0, count);
  }
}

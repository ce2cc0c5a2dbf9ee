package sparkmlp.core.linalg;

/**
 * A flat buffer of doubles or of floats, the precision a type rather than a run-time check: a
 * workspace's blocks, a block's features. {@link DoubleVec} and {@link FloatVec} wrap their arrays
 * without copying. Serializable because a {@code DataBlock} holding one is shipped between Spark
 * tasks (never stored for a user).
 */
public sealed interface Vec extends java.io.Serializable permits DoubleVec, FloatVec {

  /** A zero buffer of {@code n} values, in single precision when {@code single}. */
  static Vec zeros(int n, boolean single) {
    return single ? new FloatVec(new float[n]) : new DoubleVec(new double[n]);
  }

  /** Number of values. */
  int length();

  /** True for a single-precision buffer. */
  boolean isFloat();

  /** The rows × cols view of this buffer from {@code offset} (not copied). */
  Matrix view(int offset, int rows, int cols);

  /** True when {@code m} is a view of this buffer's array. */
  boolean backs(Matrix m);

  /** Value k, widened to double. */
  double get(int k);

  /** Copies n values from {@code from} into {@code to[at..]}, widening floats. */
  void copyTo(int from, double[] to, int at, int n);

  /** Copies n values from {@code from} into {@code to[at..]}, rounding doubles to float. */
  void copyTo(int from, float[] to, int at, int n);

  /** Bytes the values take in memory. */
  long bytes();
}

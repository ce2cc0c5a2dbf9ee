package sparkmlp.core.linalg;

/**
 * A flat buffer of doubles or of floats, the precision a type rather than a run-time check: a
 * workspace's blocks, a parameter or gradient vector. {@link DoubleVec} and {@link FloatVec} wrap
 * their arrays without copying.
 */
public sealed interface Vec permits DoubleVec, FloatVec {

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
}

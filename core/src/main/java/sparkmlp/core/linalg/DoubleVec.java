package sparkmlp.core.linalg;

/** A double-precision {@link Vec} over {@code values} (not copied). */
public record DoubleVec(double[] values) implements Vec {

  @Override
  public int length() {
    return values.length;
  }

  @Override
  public boolean isFloat() {
    return false;
  }

  @Override
  public Matrix view(int offset, int rows, int cols) {
    return Matrix.view(values, offset, rows, cols);
  }

  @Override
  public boolean backs(Matrix m) {
    return !m.isFloat() && m.data() == values;
  }

  @Override
  public double get(int k) {
    return values[k];
  }

  @Override
  public void copyTo(int from, double[] to, int at, int n) {
    System.arraycopy(values, from, to, at, n);
  }

  @Override
  public void copyTo(int from, float[] to, int at, int n) {
    for (int j = 0; j < n; j++) {
      to[at + j] = (float) values[from + j];
    }
  }

  @Override
  public long bytes() {
    return 8L * values.length;
  }
}

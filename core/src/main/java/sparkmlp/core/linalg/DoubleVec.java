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
}

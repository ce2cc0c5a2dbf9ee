package sparkmlp.core.linalg;

/** A single-precision {@link Vec} over {@code values} (not copied). */
public record FloatVec(float[] values) implements Vec {

  @Override
  public int length() {
    return values.length;
  }

  @Override
  public boolean isFloat() {
    return true;
  }

  @Override
  public Matrix view(int offset, int rows, int cols) {
    return Matrix.view(values, offset, rows, cols);
  }

  @Override
  public boolean backs(Matrix m) {
    return m.isFloat() && m.floatData() == values;
  }
}

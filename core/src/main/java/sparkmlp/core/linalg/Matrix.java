package sparkmlp.core.linalg;

import breeze.linalg.DenseMatrix;
import breeze.linalg.DenseMatrix$mcD$sp;
import java.util.Arrays;

/**
 * A dense column-major matrix of doubles, stored as a Breeze {@code DenseMatrix} so the rest of the
 * code never sees Scala types. Element (i, j) lives at {@code data()[i + j * rows()]}.
 */
public final class Matrix {
  private final DenseMatrix<Object> breeze;
  private final int rows;
  private final int cols;
  private final double[] data;

  private Matrix(int rows, int cols, double[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    this.breeze = new DenseMatrix$mcD$sp(rows, cols, data, 0, rows, false);
  }

  /** A rows × cols matrix of zeros. */
  public static Matrix zeros(int rows, int cols) {
    checkShape(rows, cols);
    return new Matrix(rows, cols, new double[Math.multiplyExact(rows, cols)]);
  }

  /** Wraps a column-major array (not copied). */
  public static Matrix wrap(int rows, int cols, double[] columnMajor) {
    checkShape(rows, cols);
    if (columnMajor.length != (long) rows * cols) {
      throw new IllegalArgumentException(
          "expected "
              + ((long) rows * cols)
              + " values for a "
              + rows
              + "x"
              + cols
              + " matrix, found "
              + columnMajor.length);
    }
    return new Matrix(rows, cols, columnMajor);
  }

  /** Builds a matrix from row arrays, which must all have the same length. */
  public static Matrix fromRows(double[][] rowArrays) {
    int r = rowArrays.length;
    int c = r == 0 ? 0 : rowArrays[0].length;
    double[] d = new double[r * c];
    for (int i = 0; i < r; i++) {
      if (rowArrays[i].length != c) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rowArrays[i].length + " values, expected " + c);
      }
      for (int j = 0; j < c; j++) {
        d[i + j * r] = rowArrays[i][j];
      }
    }
    return new Matrix(r, c, d);
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** The backing column-major array, shared, not copied. */
  public double[] data() {
    return data;
  }

  public double get(int i, int j) {
    return data[i + j * rows];
  }

  public void set(int i, int j, double v) {
    data[i + j * rows] = v;
  }

  /** Column j as a new array. */
  public double[] column(int j) {
    return Arrays.copyOfRange(data, j * rows, (j + 1) * rows);
  }

  /** Row i as a new array. */
  public double[] row(int i) {
    double[] out = new double[cols];
    for (int j = 0; j < cols; j++) {
      out[j] = data[i + j * rows];
    }
    return out;
  }

  /** this · other, through BLAS dgemm. */
  public Matrix times(Matrix other) {
    if (cols != other.rows) {
      throw new IllegalArgumentException(
          "cannot multiply a "
              + rows
              + "x"
              + cols
              + " matrix by a "
              + other.rows
              + "x"
              + other.cols
              + " matrix");
    }
    Matrix out = zeros(rows, other.cols);
    Blas.gemm(
        false,
        false,
        rows,
        other.cols,
        cols,
        1.0,
        data,
        0,
        rows,
        other.data,
        0,
        other.rows,
        0.0,
        out.data,
        0,
        rows);
    return out;
  }

  /** The transpose, as a new matrix. */
  public Matrix transpose() {
    Matrix t = zeros(cols, rows);
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) {
        t.data[j + i * cols] = data[i + j * rows];
      }
    }
    return t;
  }

  /** The Breeze view of the same storage, for code that wants Breeze's own operations. */
  public DenseMatrix<Object> toBreeze() {
    return breeze;
  }

  @Override
  public String toString() {
    return breeze.toString();
  }

  private static void checkShape(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          "matrix shape must be non-negative, found " + rows + "x" + cols);
    }
  }
}

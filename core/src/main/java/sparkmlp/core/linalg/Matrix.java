package sparkmlp.core.linalg;

import breeze.linalg.DenseMatrix;
import breeze.linalg.DenseMatrix$mcD$sp;
import breeze.linalg.DenseMatrix$mcF$sp;

/**
 * A column-major matrix of doubles or of floats that is a Breeze {@code DenseMatrix} view into an
 * array from an offset, never a copy: a layer's weights in the flat parameter vector, or a batch
 * block in a workspace. Element (i, j) lives at {@code offset() + i + j * rows()} of the backing
 * array. Products go to {@code dgemm} or {@code sgemm} by precision; the few element-wise
 * operations the layers need loop over the backing arrays. The rest of the code never sees Scala
 * types.
 */
public final class Matrix {
  private final DenseMatrix<Object> breeze;
  private final double[] doubles;
  private final float[] floats;

  private Matrix(double[] doubles, float[] floats, int offset, int rows, int cols) {
    this.doubles = doubles;
    this.floats = floats;
    this.breeze =
        doubles != null
            ? new DenseMatrix$mcD$sp(rows, cols, doubles, offset, rows, false)
            : new DenseMatrix$mcF$sp(rows, cols, floats, offset, rows, false);
  }

  /** The rows × cols block of {@code data} starting at {@code offset} (not copied). */
  public static Matrix view(double[] data, int offset, int rows, int cols) {
    checkView(data.length, offset, rows, cols);
    return new Matrix(data, null, offset, rows, cols);
  }

  /** The same over single-precision values. */
  public static Matrix view(float[] data, int offset, int rows, int cols) {
    checkView(data.length, offset, rows, cols);
    return new Matrix(null, data, offset, rows, cols);
  }

  /**
   * The rows × cols view of the same backing array starting at element {@code from} of this matrix
   * in column-major order: a layer's slice of a flat parameter or gradient vector.
   */
  public Matrix block(int from, int rows, int cols) {
    int start = offset() + from;
    return doubles != null ? view(doubles, start, rows, cols) : view(floats, start, rows, cols);
  }

  public int rows() {
    return breeze.rows();
  }

  public int cols() {
    return breeze.cols();
  }

  /** Where element (0, 0) lives in the backing array. */
  public int offset() {
    return breeze.offset();
  }

  /** True for a single-precision matrix. */
  public boolean isFloat() {
    return floats != null;
  }

  /** The backing array of a double matrix, shared with whoever owns it. */
  public double[] data() {
    if (doubles == null) {
      throw new IllegalStateException("a float matrix has no double array");
    }
    return doubles;
  }

  /** The backing array of a float matrix, shared with whoever owns it. */
  public float[] floatData() {
    if (floats == null) {
      throw new IllegalStateException("a double matrix has no float array");
    }
    return floats;
  }

  public double get(int i, int j) {
    int k = offset() + i + j * rows();
    return doubles != null ? doubles[k] : floats[k];
  }

  /** Sets element k in column-major order, i.e. (k mod rows, k div rows). */
  public void set(int k, double v) {
    if (doubles != null) {
      doubles[offset() + k] = v;
    } else {
      floats[offset() + k] = (float) v;
    }
  }

  /** Copies {@code column} (rows × 1) into every column of this matrix. */
  public void fillColumns(Matrix column) {
    column.checkSame(isFloat(), rows(), 1, "the column to fill with");
    Object from = doubles != null ? column.doubles : column.floats;
    Object to = doubles != null ? doubles : floats;
    int rows = rows();
    for (int j = 0; j < cols(); j++) {
      System.arraycopy(from, column.offset(), to, offset() + j * rows, rows);
    }
  }

  /** target (rows × 1) += the sum of this matrix's columns. */
  public void addColumnsTo(Matrix target) {
    addColumnsTo(target, 0, cols());
  }

  /**
   * target (rows × 1) += the sum of columns [from, to), added column by column in order: summing
   * consecutive ranges gives the same bits as summing all columns at once.
   */
  public void addColumnsTo(Matrix target, int from, int to) {
    target.checkSame(isFloat(), rows(), 1, "the column to add to");
    int rows = rows();
    int t = target.offset();
    for (int j = from; j < to; j++) {
      int col = offset() + j * rows;
      if (doubles != null) {
        for (int i = 0; i < rows; i++) {
          target.doubles[t + i] += doubles[col + i];
        }
      } else {
        for (int i = 0; i < rows; i++) {
          target.floats[t + i] += floats[col + i];
        }
      }
    }
  }

  /** out = a ⊙ b, element by element; out may be a or b. */
  public static void multiply(Matrix a, Matrix b, Matrix out) {
    multiplyColumns(a, b, out, 0, a.cols());
  }

  /** Columns [from, to) of out = the same columns of a ⊙ b; out may be a or b. */
  public static void multiplyColumns(Matrix a, Matrix b, Matrix out, int from, int to) {
    b.checkSame(a.isFloat(), a.rows(), a.cols(), "the second factor");
    out.checkSame(a.isFloat(), a.rows(), a.cols(), "the product");
    int start = from * a.rows();
    int n = (to - from) * a.rows();
    int ao = a.offset() + start;
    int bo = b.offset() + start;
    int oo = out.offset() + start;
    if (a.doubles != null) {
      for (int k = 0; k < n; k++) {
        out.doubles[oo + k] = a.doubles[ao + k] * b.doubles[bo + k];
      }
    } else {
      for (int k = 0; k < n; k++) {
        out.floats[oo + k] = a.floats[ao + k] * b.floats[bo + k];
      }
    }
  }

  /**
   * C = alpha · op(A) · op(B) + beta · C on the matrices' backing arrays, with their offsets and
   * leading dimensions, as Spark's {@code BreezeUtil.dgemm} does: {@code dgemm} for doubles, {@code
   * sgemm} for floats. {@code transA}/{@code transB} read A or B transposed. Shapes and precisions
   * are checked here, with our message.
   */
  public static void gemm(
      double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta, Matrix c) {
    int m = transA ? a.cols() : a.rows();
    int k = transA ? a.rows() : a.cols();
    int kb = transB ? b.cols() : b.rows();
    int n = transB ? b.rows() : b.cols();
    if (k != kb || c.rows() != m || c.cols() != n) {
      throw shapeMismatch(m, k, kb, n, c);
    }
    if (a.isFloat() != b.isFloat() || a.isFloat() != c.isFloat()) {
      throw new IllegalArgumentException("cannot mix double and float matrices in one product");
    }
    int lda = a.breeze.majorStride();
    int ldb = b.breeze.majorStride();
    int ldc = c.breeze.majorStride();
    if (a.doubles != null) {
      Blas.gemm(
          transA,
          transB,
          m,
          n,
          k,
          alpha,
          a.doubles,
          a.offset(),
          lda,
          b.doubles,
          b.offset(),
          ldb,
          beta,
          c.doubles,
          c.offset(),
          ldc);
    } else {
      Blas.sgemm(
          transA,
          transB,
          m,
          n,
          k,
          (float) alpha,
          a.floats,
          a.offset(),
          lda,
          b.floats,
          b.offset(),
          ldb,
          (float) beta,
          c.floats,
          c.offset(),
          ldc);
    }
  }

  private static IllegalArgumentException shapeMismatch(int m, int k, int kb, int n, Matrix c) {
    return new IllegalArgumentException(
        "cannot add op(A) · op(B) of "
            + m
            + "x"
            + k
            + " times "
            + kb
            + "x"
            + n
            + " into a "
            + c.rows()
            + "x"
            + c.cols()
            + " matrix");
  }

  @Override
  public String toString() {
    return breeze.toString();
  }

  /** Rejects this matrix as {@code what} unless it has the given precision and shape. */
  private void checkSame(boolean isFloat, int rows, int cols, String what) {
    if (isFloat != isFloat() || rows != rows() || cols != cols()) {
      throw new IllegalArgumentException(
          what
              + ": expected a "
              + rows
              + "x"
              + cols
              + (isFloat ? " float" : " double")
              + " matrix, found a "
              + rows()
              + "x"
              + cols()
              + (isFloat() ? " float" : " double")
              + " one");
    }
  }

  private static void checkView(int length, int offset, int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException(
          "matrix shape must be non-negative, found " + rows + "x" + cols);
    }
    if (offset < 0 || (long) offset + (long) rows * cols > length) {
      throw new IllegalArgumentException(
          "a "
              + rows
              + "x"
              + cols
              + " view from offset "
              + offset
              + " needs "
              + ((long) offset + (long) rows * cols)
              + " values, found an array of "
              + length);
    }
  }
}

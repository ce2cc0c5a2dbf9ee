package sparkmlp.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatrixTest {

  private static Matrix random(int rows, int cols, SplittableRandom rnd) {
    double[] d = new double[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = rnd.nextDouble(-1, 1);
    }
    return Matrix.wrap(rows, cols, d);
  }

  @Test
  void timesThroughBlasEqualsNaiveTripleLoop() {
    SplittableRandom rnd = new SplittableRandom(7);
    Matrix a = random(37, 23, rnd);
    Matrix b = random(23, 11, rnd);
    Matrix c = a.times(b);
    assertEquals(37, c.rows());
    assertEquals(11, c.cols());
    for (int i = 0; i < 37; i++) {
      for (int j = 0; j < 11; j++) {
        double s = 0;
        for (int k = 0; k < 23; k++) {
          s += a.get(i, k) * b.get(k, j);
        }
        // BLAS may sum in another order (and with FMA); 23 terms of size <= 1 differ by a few ulps
        // at most.
        assertEquals(s, c.get(i, j), 1e-13, "element (" + i + ", " + j + ")");
      }
    }
  }

  @Test
  void fromRowsStoresColumnMajor() {
    Matrix m = Matrix.fromRows(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(2, m.rows());
    assertEquals(3, m.cols());
    assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, m.data());
    assertEquals(6, m.get(1, 2));
    assertArrayEquals(new double[] {4, 5, 6}, m.row(1));
    assertArrayEquals(new double[] {3, 6}, m.column(2));
  }

  @Test
  void transposeSwapsRowsAndColumns() {
    Matrix m = Matrix.fromRows(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Matrix t = m.transpose();
    assertEquals(3, t.rows());
    assertEquals(2, t.cols());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.data());
    assertArrayEquals(new double[] {3, 6}, t.row(2));
  }

  @Test
  void timesOfSmallMatricesIsExact() {
    Matrix a = Matrix.fromRows(new double[][] {{1, 2}, {3, 4}});
    Matrix b = Matrix.fromRows(new double[][] {{5, 6, 7}, {8, 9, 10}});
    Matrix c = a.times(b);
    assertArrayEquals(new double[] {21, 24, 27}, c.row(0));
    assertArrayEquals(new double[] {47, 54, 61}, c.row(1));
  }

  @Test
  void wrapSharesStorageAndBreezeViewSeesIt() {
    double[] d = {1, 2, 3, 4, 5, 6};
    Matrix m = Matrix.wrap(3, 2, d);
    assertSame(d, m.data());
    m.set(2, 1, 60);
    assertEquals(60, d[5]);
    assertEquals(3, m.toBreeze().rows());
    assertEquals(2, m.toBreeze().cols());
    assertSame(d, m.toBreeze().data());
  }

  @Test
  void shapeErrorsNameBothShapes() {
    Matrix a = Matrix.zeros(2, 3);
    Matrix b = Matrix.zeros(2, 3);
    assertEquals(
        "cannot multiply a 2x3 matrix by a 2x3 matrix",
        assertThrows(IllegalArgumentException.class, () -> a.times(b)).getMessage());
    assertEquals(
        "expected 6 values for a 2x3 matrix, found 5",
        assertThrows(IllegalArgumentException.class, () -> Matrix.wrap(2, 3, new double[5]))
            .getMessage());
    assertEquals(
        "row 1 has 2 values, expected 3",
        assertThrows(
                IllegalArgumentException.class,
                () -> Matrix.fromRows(new double[][] {{1, 2, 3}, {4, 5}}))
            .getMessage());
    assertEquals(
        "matrix shape must be non-negative, found -1x3",
        assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(-1, 3)).getMessage());
  }
}

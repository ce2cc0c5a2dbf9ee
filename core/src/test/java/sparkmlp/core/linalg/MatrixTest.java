package sparkmlp.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MatrixTest {

  @Test
  void viewReadsColumnMajorFromItsOffsetWithoutCopying() {
    double[] d = {9, 1, 4, 2, 5, 3, 6};
    Matrix m = Matrix.view(d, 1, 2, 3); // [[1, 2, 3], [4, 5, 6]]
    assertEquals(2, m.rows());
    assertEquals(3, m.cols());
    assertEquals(1, m.offset());
    assertEquals(6, m.get(1, 2));
    d[6] = 60;
    assertEquals(60, m.get(1, 2));
  }

  @Test
  void gemmOnOffsetViewsEqualsNaiveTripleLoop() {
    SplittableRandom rnd = new SplittableRandom(7);
    double[] store = new double[5 + 37 * 23 + 3 + 11 * 23 + 37 * 11];
    for (int i = 0; i < store.length; i++) {
      store[i] = rnd.nextDouble(-1, 1);
    }
    Matrix a = Matrix.view(store, 5, 37, 23);
    Matrix bt = Matrix.view(store, 5 + 37 * 23 + 3, 11, 23); // B stored transposed
    double[] out = new double[2 + 37 * 11];
    Matrix c = Matrix.view(out, 2, 37, 11);
    Matrix.gemm(1.0, a, false, bt, true, 0.0, c);
    for (int i = 0; i < 37; i++) {
      for (int j = 0; j < 11; j++) {
        double s = 0;
        for (int k = 0; k < 23; k++) {
          s += a.get(i, k) * bt.get(j, k);
        }
        // BLAS may sum in another order (and with FMA): 23 terms of size <= 1 differ by a few ulps.
        assertEquals(s, c.get(i, j), 1e-13, "element (" + i + ", " + j + ")");
      }
    }
    assertEquals(0.0, out[0]);
    assertEquals(0.0, out[1]);
  }

  @Test
  void gemmAccumulatesWithBeta() {
    double[] a = {1, 3, 2, 4}; // [[1, 2], [3, 4]]
    double[] c = {1, 1, 1, 1};
    Matrix.gemm(
        2.0,
        Matrix.view(a, 0, 2, 2),
        true,
        Matrix.view(a, 0, 2, 2),
        false,
        1.0,
        Matrix.view(c, 0, 2, 2));
    // Aᵀ·A = [[10, 14], [14, 20]]; 2·that + 1
    assertEquals(21, c[0]);
    assertEquals(29, c[1]);
    assertEquals(29, c[2]);
    assertEquals(41, c[3]);
  }

  @Test
  void gemmRejectsMismatchedShapesWithOurMessage() {
    Matrix a = Matrix.view(new double[6], 0, 2, 3);
    Matrix c = Matrix.view(new double[4], 0, 2, 2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Matrix.gemm(1, a, false, a, false, 0, c));
    assertEquals("cannot add op(A) · op(B) of 2x3 times 2x3 into a 2x2 matrix", e.getMessage());
  }

  @Test
  void viewRejectsAnArrayTooShort() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Matrix.view(new double[5], 2, 2, 2));
    assertEquals("a 2x2 view from offset 2 needs 6 values, found an array of 5", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Matrix.view(new double[5], 0, -1, 2));
  }

  @Test
  void floatViewsGoThroughSgemm() {
    float[] a = {0, 1, 3, 2, 4}; // [[1, 2], [3, 4]] from offset 1
    float[] c = new float[4];
    Matrix fa = Matrix.view(a, 1, 2, 2);
    assertEquals(true, fa.isFloat());
    Matrix.gemm(1.0, fa, false, fa, false, 0.0, Matrix.view(c, 0, 2, 2));
    assertArrayEquals(new float[] {7, 15, 10, 22}, c);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Matrix.gemm(1.0, fa, false, fa, false, 0.0, Matrix.view(new double[4], 0, 2, 2)));
    assertEquals("cannot mix double and float matrices in one product", e.getMessage());
  }

  @Test
  void elementWiseOperationsInBothPrecisions() {
    double[] d = {1, 2, 3, 4, 5, 6}; // 2x3
    Matrix m = Matrix.view(d, 0, 2, 3);
    double[] sums = {10, 20};
    m.addColumnsTo(Matrix.view(sums, 0, 2, 1));
    assertArrayEquals(new double[] {19, 32}, sums);
    Matrix.multiply(m, m, m);
    assertArrayEquals(new double[] {1, 4, 9, 16, 25, 36}, d);
    m.fillColumns(Matrix.view(new double[] {7, 8}, 0, 2, 1));
    assertArrayEquals(new double[] {7, 8, 7, 8, 7, 8}, d);
    float[] f = {1, 2, 3, 4};
    Matrix fm = Matrix.view(f, 0, 2, 2);
    fm.set(3, 0.5);
    Matrix.multiply(fm, fm, fm);
    assertArrayEquals(new float[] {1, 4, 9, 0.25f}, f);
    assertEquals(4.0, fm.block(1, 1, 1).get(0, 0));
    assertEquals(
        "the column to add to: expected a 2x1 float matrix, found a 2x1 double one",
        assertThrows(
                IllegalArgumentException.class,
                () -> fm.addColumnsTo(Matrix.view(new double[2], 0, 2, 1)))
            .getMessage());
  }
}

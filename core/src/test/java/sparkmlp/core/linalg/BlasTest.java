package sparkmlp.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlasTest {

  @Test
  void implementationIsDescribed() {
    String d = Blas.implementation();
    assertFalse(d.isBlank());
    assertTrue(d.contains("native") || d.contains("Vector") || d.contains("Java"), d);
    assertEquals(Blas.isNative(), d.startsWith("native"), d);
  }

  @Test
  void gemmHonoursOffsetsLeadingDimensionsAndTransposes() {
    // A is 2x3 stored from offset 1 inside a larger array; B is 3x2 read transposed from a 2x3
    // block.
    double[] a = {99, 1, 4, 2, 5, 3, 6};
    double[] bt = {
      7, 8, 9, 10, 11, 12
    }; // 2x3 column-major: [[7, 9, 11], [8, 10, 12]]; B = its transpose
    double[] c = {1, 1, 1, 1, 1};
    // C (2x2 from offset 1) = 2 * A * B + 1 * C
    Blas.gemm(false, true, 2, 2, 3, 2.0, a, 1, 2, bt, 0, 2, 1.0, c, 1, 2);
    // A * B = [[1*7+2*9+3*11, 1*8+2*10+3*12], [4*7+5*9+6*11, 4*8+5*10+6*12]] = [[58, 64], [139,
    // 154]]
    assertArrayEquals(new double[] {1, 117, 279, 129, 309}, c);
  }

  @Test
  void gemmWithTransposedAMatchesExplicitTranspose() {
    double[] a = {1, 2, 3, 4, 5, 6}; // 3x2: columns [1,2,3], [4,5,6]; Aᵀ is 2x3
    double[] b = {1, 0, -1}; // 3x1
    double[] c = new double[2];
    Blas.gemm(true, false, 2, 1, 3, 1.0, a, 0, 3, b, 0, 3, 0.0, c, 0, 2);
    assertArrayEquals(new double[] {1 - 3, 4 - 6}, c);
  }

  @Test
  void sgemmComputesSinglePrecisionProduct() {
    float[] a = {1, 3, 2, 4}; // [[1, 2], [3, 4]]
    float[] b = {5, 7, 6, 8}; // [[5, 6], [7, 8]]
    float[] c = new float[4];
    Blas.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2);
    assertArrayEquals(new float[] {19, 43, 22, 50}, c);
  }
}

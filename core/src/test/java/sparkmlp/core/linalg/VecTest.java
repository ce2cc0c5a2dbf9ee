package sparkmlp.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VecTest {
  @Test
  void zerosHasThePrecisionAskedFor() {
    Vec d = Vec.zeros(6, false);
    Vec f = Vec.zeros(6, true);
    assertArrayEquals(new double[6], ((DoubleVec) d).values());
    assertArrayEquals(new float[6], ((FloatVec) f).values());
    assertEquals(6, d.length());
    assertFalse(d.isFloat());
    assertTrue(f.isFloat());
  }

  @Test
  void aViewSharesTheArrayAndOnlyItsOwnBufferBacksIt() {
    DoubleVec d = new DoubleVec(new double[6]);
    Matrix m = d.view(2, 2, 2);
    m.set(3, 7.5); // element (1, 1) at offset 2 + 1 + 1 * 2
    assertEquals(7.5, d.values()[5]);
    assertTrue(d.backs(m));
    assertFalse(new DoubleVec(new double[6]).backs(m));
    assertFalse(new FloatVec(new float[6]).backs(m));
    FloatVec f = new FloatVec(new float[4]);
    assertTrue(f.backs(f.view(0, 2, 2)));
    assertFalse(d.backs(f.view(0, 2, 2)));
  }

  @Test
  void copiesWidenOrRoundByTheTargetType() {
    Vec f = new FloatVec(new float[] {1.5f, 0.1f, -2f});
    Vec d = new DoubleVec(new double[] {1.5, 0.1, -2});
    double[] wide = new double[4];
    f.copyTo(1, wide, 2, 2);
    assertArrayEquals(new double[] {0, 0, (double) 0.1f, -2}, wide);
    float[] narrow = new float[3];
    d.copyTo(0, narrow, 0, 3);
    assertArrayEquals(new float[] {1.5f, 0.1f, -2f}, narrow);
    assertEquals((double) 0.1f, f.get(1));
    assertEquals(0.1, d.get(1));
    assertEquals(12, f.bytes());
    assertEquals(24, d.bytes());
  }
}

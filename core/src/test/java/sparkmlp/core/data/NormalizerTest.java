package sparkmlp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizerTest {
  // three examples of three features; the last feature is constant
  private static final double[] X = {1, 10, 7, 3, 20, 7, 5, 60, 7};

  private static FeatureStats stats() {
    FeatureStats s = new FeatureStats(3);
    for (int i = 0; i < 3; i++) {
      s.add(X, 3 * i);
    }
    return s;
  }

  @Test
  void standardCentresAndScalesByPopulationStd() {
    Normalizer z = Normalizer.fit(Normalizer.Kind.STANDARD, stats());
    // feature 0: mean 3, std √(8/3); feature 1: mean 30, std √(1400/3); feature 2: constant → scale
    // 1
    assertArrayEquals(new double[] {3, 30, 7}, z.shift(), 1e-14);
    assertArrayEquals(
        new double[] {1 / Math.sqrt(8.0 / 3), 1 / Math.sqrt(1400.0 / 3), 1}, z.scale(), 1e-15);
    double[] x = X.clone();
    z.apply(x, 0, 3);
    double s0 = Math.sqrt(8.0 / 3);
    double s1 = Math.sqrt(1400.0 / 3);
    assertArrayEquals(
        new double[] {-2 / s0, -20 / s1, 0, 0, -10 / s1, 0, 2 / s0, 30 / s1, 0}, x, 1e-14);
  }

  @Test
  void minmaxMapsOntoZeroOne() {
    Normalizer z = Normalizer.fit(Normalizer.Kind.MINMAX, stats());
    assertArrayEquals(new double[] {1, 10, 7}, z.shift());
    assertArrayEquals(new double[] {0.25, 0.02, 1}, z.scale(), 1e-17);
    double[] x = new double[10];
    System.arraycopy(X, 0, x, 1, 9);
    z.apply(x, 1, 3);
    assertArrayEquals(new double[] {0, 0, 0, 0, 0.5, 0.2, 0, 1, 1, 0}, x, 1e-15);
  }

  @Test
  void noneLeavesDataAlone() {
    Normalizer z = Normalizer.fit(Normalizer.Kind.NONE, stats());
    assertEquals(Normalizer.none(3), z);
    double[] x = X.clone();
    z.apply(x, 0, 3);
    assertArrayEquals(X, x);
  }

  @Test
  void equalityIsByValue() {
    assertEquals(
        Normalizer.fit(Normalizer.Kind.STANDARD, stats()),
        Normalizer.fit(Normalizer.Kind.STANDARD, stats()));
    assertEquals(
        Normalizer.fit(Normalizer.Kind.STANDARD, stats()).hashCode(),
        Normalizer.fit(Normalizer.Kind.STANDARD, stats()).hashCode());
    assertNotEquals(
        Normalizer.fit(Normalizer.Kind.STANDARD, stats()),
        Normalizer.fit(Normalizer.Kind.MINMAX, stats()));
  }

  @Test
  void badInputsAreRejected() {
    assertEquals(
        "cannot fit a normalizer on zero examples",
        assertThrows(
                IllegalArgumentException.class,
                () -> Normalizer.fit(Normalizer.Kind.STANDARD, new FeatureStats(2)))
            .getMessage());
    assertEquals(
        "normalizer feature 1: expected finite shift and scale, found NaN and 1.0",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new Normalizer(
                        Normalizer.Kind.STANDARD,
                        new double[] {0, Double.NaN},
                        new double[] {1, 1}))
            .getMessage());
    assertEquals(
        "normalizer shift has 2 values, scale 1",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Normalizer(Normalizer.Kind.STANDARD, new double[2], new double[1]))
            .getMessage());
    assertSame(Normalizer.Kind.MINMAX, Normalizer.Kind.fromId(" MinMax "));
    assertEquals(
        "unknown normalization 'robust'; expected none, standard or minmax",
        assertThrows(IllegalArgumentException.class, () -> Normalizer.Kind.fromId("robust"))
            .getMessage());
  }
}

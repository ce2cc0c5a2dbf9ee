package sparkmlp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void aHugeValueGetsAFiniteScaleNotOne() {
    // iris-like column with one cell 1e308 among 4.3..7.9: standard scale 1/std with
    // std = 1e308·√(n−1)/n (n = 120), not the 1.0 an overflowed variance used to give
    int n = 120;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = 4.3 + (i % 37) * 0.1;
    }
    x[9] = 1e308;
    FeatureStats s = new FeatureStats(1);
    for (int i = 0; i < n; i++) {
      s.add(x, i);
    }
    Normalizer z = Normalizer.fit(Normalizer.Kind.STANDARD, s);
    double std = 1e308 / n * Math.sqrt(n - 1);
    assertTrue(Double.isFinite(std));
    assertEquals(1 / std, z.scale()[0], 1e-12 / std);
    z.apply(x, 0, n);
    // the huge value lands at (1e308 − mean)/std = √(n−1) ≈ 10.9087; the others near −1/√(n−1)
    assertEquals(Math.sqrt(n - 1), x[9], 1e-9);
    assertEquals(-1 / Math.sqrt(n - 1), x[0], 1e-9);
  }

  @Test
  void minmaxOverTheWholeDoubleRangeStaysFinite() {
    // max − min = 2e308 overflows; the scale is 1/(2e308) all the same, and ±1e308 map to 1 and 0
    double[] x = {-1e308, 0, 1e308};
    FeatureStats s = new FeatureStats(1);
    for (int i = 0; i < 3; i++) {
      s.add(x, i);
    }
    Normalizer z = Normalizer.fit(Normalizer.Kind.MINMAX, s);
    assertEquals(0.5 / 1e308, z.scale()[0]);
    z.apply(x, 0, 3);
    assertArrayEquals(new double[] {0, 0.5, 1}, x, 1e-15);
    double[] y = {1e308, 0, 1e308};
    Normalizer.fit(Normalizer.Kind.STANDARD, s).apply(y, 0, 3);
    // mean 0, std 1e308·√(2/3)
    assertArrayEquals(new double[] {Math.sqrt(1.5), 0, Math.sqrt(1.5)}, y, 1e-12);
  }

  @Test
  void statisticsThatAreNotFiniteAreRejectedNamingTheFeature() {
    FeatureStats s = new FeatureStats(2);
    s.add(new double[] {1, 2}, 0).add(new double[] {3, Double.POSITIVE_INFINITY}, 0);
    assertEquals(
        "cannot fit a standard normalizer: feature 1 has statistics that are not finite (mean NaN,"
            + " standard deviation NaN, min 2.0, max Infinity)",
        assertThrows(
                IllegalArgumentException.class, () -> Normalizer.fit(Normalizer.Kind.STANDARD, s))
            .getMessage());
  }

  @Test
  void arraysAreCopiedInAndOut() {
    double[] shift = {1, 2};
    double[] scale = {0.5, 0.25};
    Normalizer z = new Normalizer(Normalizer.Kind.STANDARD, shift, scale);
    shift[0] = 99;
    scale[1] = 99;
    z.shift()[1] = -7;
    z.scale()[0] = -7;
    assertArrayEquals(new double[] {1, 2}, z.shift());
    assertArrayEquals(new double[] {0.5, 0.25}, z.scale());
    double[] x = {3, 6};
    z.apply(x, 0, 1);
    assertArrayEquals(new double[] {1, 1}, x);
  }
}

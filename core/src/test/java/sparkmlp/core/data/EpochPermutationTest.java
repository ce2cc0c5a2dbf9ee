package sparkmlp.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EpochPermutationTest {

  private static long[] positions(long seed, long epoch, int n) {
    EpochPermutation p = new EpochPermutation(seed, epoch, n);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = p.position(i);
    }
    return out;
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {1, 2, 3, 7, 64, 1000, 4097})
  void isABijectionOnZeroToN(int n) {
    for (long epoch = 0; epoch < 3; epoch++) {
      long[] pos = positions(42, epoch, n);
      BitSet seen = new BitSet(n);
      for (int i = 0; i < n; i++) {
        assertTrue(
            pos[i] >= 0 && pos[i] < n,
            "position " + pos[i] + " of " + i + " out of [0, " + n + ")");
        assertFalse(seen.get((int) pos[i]), "position " + pos[i] + " taken twice");
        seen.set((int) pos[i]);
      }
      assertEquals(n, seen.cardinality());
    }
    assertEquals(n, new EpochPermutation(42, 0, n).size());
  }

  @Test
  void dependsOnSeedAndEpochAndIsReproducible() {
    long[] base = positions(1, 0, 1000);
    assertTrue(Arrays.equals(base, positions(1, 0, 1000)));
    assertFalse(Arrays.equals(base, positions(2, 0, 1000)));
    assertFalse(Arrays.equals(base, positions(1, 1, 1000)));
    // a shuffle, not the identity nor a near-identity
    int fixed = 0;
    for (int i = 0; i < 1000; i++) {
      if (base[i] == i) {
        fixed++;
      }
    }
    assertTrue(fixed < 10, fixed + " fixed points");
  }

  @Test
  void smallPermutationsVaryAcrossEpochs() {
    // n = 7 has 5040 orders; 20 epochs must not all give the same one
    long[] first = positions(3, 0, 7);
    boolean differs = false;
    for (int e = 1; e < 20; e++) {
      differs |= !Arrays.equals(first, positions(3, e, 7));
    }
    assertTrue(differs);
  }

  @Test
  void badArgumentsAreRejected() {
    assertEquals(
        "a permutation needs at least one element, found 0",
        assertThrows(IllegalArgumentException.class, () -> new EpochPermutation(1, 0, 0))
            .getMessage());
    EpochPermutation p = new EpochPermutation(1, 0, 10);
    assertEquals(
        "index must be in [0, 10), found 10",
        assertThrows(IllegalArgumentException.class, () -> p.position(10)).getMessage());
    assertEquals(
        "index must be in [0, 10), found -1",
        assertThrows(IllegalArgumentException.class, () -> p.position(-1)).getMessage());
  }
}

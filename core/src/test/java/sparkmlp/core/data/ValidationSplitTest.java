package sparkmlp.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {
  @Test
  void holdsOutFloorOfFractionAndRanksTheRestDensely() {
    ValidationSplit s = new ValidationSplit(42, 1437, 0.1);
    assertEquals(143, s.heldOut());
    long[] ranks = new long[1437];
    int held = 0;
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = s.rank(i);
      held += ranks[i] < 0 ? 1 : 0;
    }
    assertEquals(143, held);
    long[] kept = Arrays.stream(ranks).filter(r -> r >= 0).sorted().toArray();
    for (int k = 0; k < kept.length; k++) {
      assertEquals(k, kept[k]);
    }
    // Another seed holds out other examples.
    ValidationSplit t = new ValidationSplit(43, 1437, 0.1);
    assertEquals(
        false,
        Arrays.equals(ranks, java.util.stream.LongStream.range(0, 1437).map(t::rank).toArray()));
  }

  @Test
  void zeroFractionKeepsIndexAsRank() {
    ValidationSplit s = new ValidationSplit(1, 10, 0.0);
    assertEquals(0, s.heldOut());
    assertEquals(7, s.rank(7));
  }

  @Test
  void splitOfABlockMatchesTheRule() {
    int n = 50;
    double[] x = new double[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      y[i] = i % 3;
    }
    DataBlock[] parts = ValidationSplit.split(DataBlock.of(2, 1, x, y, null), 0.2, 9);
    assertEquals(40, parts[0].size());
    assertEquals(10, parts[1].size());
    ValidationSplit s = new ValidationSplit(9, n, 0.2);
    for (int i = 0; i < parts[0].size(); i++) {
      int original = (int) parts[0].feature(i, 0);
      assertEquals(s.rank(original), parts[0].rank(i));
      assertEquals(original % 3, parts[0].target(i, 0));
    }
    for (int i = 0; i < parts[1].size(); i++) {
      assertEquals(-1, s.rank((long) parts[1].feature(i, 0)));
    }
    assertNull(ValidationSplit.split(DataBlock.of(2, 1, x, y, null), 0.0, 9)[1]);
    assertThrows(IllegalArgumentException.class, () -> new ValidationSplit(1, 10, 1.0));
  }
}

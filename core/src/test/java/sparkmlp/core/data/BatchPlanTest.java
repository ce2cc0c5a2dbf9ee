package sparkmlp.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  private static final int N = 103;
  private static final int BATCH = 10;
  private static final long SEED = 17;

  /** A block whose single feature is the example's rank and whose target is rank + 0.5. */
  private static DataBlock block(long[] ranks) {
    double[] x = new double[ranks.length];
    double[] y = new double[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      x[i] = ranks[i];
      y[i] = ranks[i] + 0.5;
    }
    return DataBlock.of(1, 1, x, y, ranks);
  }

  private static DataBlock whole() {
    long[] r = new long[N];
    for (int i = 0; i < N; i++) {
      r[i] = i;
    }
    return block(r);
  }

  @Test
  void numStepsRoundsUp() {
    assertEquals(11, BatchPlan.numSteps(103, 10));
    assertEquals(10, BatchPlan.numSteps(100, 10));
    assertEquals(1, BatchPlan.numSteps(1, 10));
    assertEquals(
        "batch size must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> BatchPlan.numSteps(10, 0)).getMessage());
  }

  @Test
  void everyExampleIsInExactlyOneStepAndStepsAreFull() {
    for (int epoch = 0; epoch < 3; epoch++) {
      BatchPlan plan = BatchPlan.of(whole(), N, BATCH, SEED, epoch);
      assertEquals(11, plan.numSteps());
      BitSet seen = new BitSet(N);
      EpochPermutation perm = new EpochPermutation(SEED, epoch, N);
      for (int s = 0; s < plan.numSteps(); s++) {
        int expected = s < plan.numSteps() - 1 ? BATCH : N - BATCH * (plan.numSteps() - 1);
        assertEquals(expected, plan.count(s), "size of step " + s);
        int[] members = plan.members(s);
        assertEquals(expected, members.length);
        long lastPos = -1;
        for (int m : members) {
          assertTrue(!seen.get(m), "example " + m + " in two steps");
          seen.set(m);
          long pos = perm.position(m);
          assertEquals(s, pos / BATCH, "example " + m + " at position " + pos);
          assertTrue(pos > lastPos, "members ordered by position");
          lastPos = pos;
        }
      }
      assertEquals(N, seen.cardinality());
    }
  }

  @Test
  void planOfSubBlocksGivesTheSameStepsAsTheWholeBlock() {
    // split the 103 ranks into 3 sub-blocks of uneven size, each in a scrambled order
    SplittableRandom rnd = new SplittableRandom(5);
    List<List<Long>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (long r = 0; r < N; r++) {
      parts.get(r < 10 ? 0 : rnd.nextInt(3)).add(r);
    }
    List<DataBlock> blocks = new ArrayList<>();
    for (List<Long> p : parts) {
      long[] ranks = p.stream().mapToLong(Long::longValue).toArray();
      for (int i = ranks.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        long t = ranks[i];
        ranks[i] = ranks[j];
        ranks[j] = t;
      }
      blocks.add(block(ranks));
    }
    for (int epoch = 0; epoch < 2; epoch++) {
      BatchPlan full = BatchPlan.of(whole(), N, BATCH, SEED, epoch);
      List<BatchPlan> plans = new ArrayList<>();
      for (DataBlock b : blocks) {
        plans.add(BatchPlan.of(b, N, BATCH, SEED, epoch));
      }
      for (int s = 0; s < full.numSteps(); s++) {
        long[] expected = Arrays.stream(full.members(s)).mapToLong(i -> i).sorted().toArray();
        List<Long> union = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < blocks.size(); k++) {
          for (int m : plans.get(k).members(s)) {
            union.add(blocks.get(k).rank(m));
          }
          total += plans.get(k).count(s);
        }
        assertEquals(full.count(s), total, "step " + s);
        assertArrayEquals(
            expected,
            union.stream().mapToLong(Long::longValue).sorted().toArray(),
            "epoch " + epoch + ", step " + s);
      }
    }
  }

  @Test
  void gatherCopiesTheStepsExamplesInOrder() {
    DataBlock b = whole();
    BatchPlan plan = BatchPlan.of(b, N, BATCH, SEED, 0);
    int last = plan.numSteps() - 1;
    double[] x = new double[BATCH];
    double[] y = new double[BATCH];
    int count = plan.gather(b, last, x, y);
    assertEquals(3, count);
    int[] members = plan.members(last);
    for (int k = 0; k < count; k++) {
      assertEquals(members[k], x[k]);
      assertEquals(members[k] + 0.5, y[k]);
    }
  }

  @Test
  void tooManyExamplesAreRejected() {
    assertEquals(
        "at most 2147483647 training examples, found 2147483648",
        assertThrows(
                IllegalArgumentException.class, () -> BatchPlan.of(whole(), 1L << 31, 10, SEED, 0))
            .getMessage());
  }
}

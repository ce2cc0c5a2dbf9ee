package sparkmlp.core.data;

import java.util.Arrays;

/**
 * Which of a block's examples belong to each mini-batch of one epoch: example with rank r goes to
 * step ⌊π(r) / batchSize⌋ of the epoch's {@link EpochPermutation} over all n training examples, so
 * a block holding any subset of them — one partition or all the data — sees exactly its share of
 * every global batch. Within a step, members are ordered by position.
 */
public final class BatchPlan {
  private final long seed;
  private final int epoch;
  private final int numSteps;
  private final int[] stepStart;
  private final int[] members;

  private BatchPlan(long seed, int epoch, int numSteps, int[] stepStart, int[] members) {
    this.seed = seed;
    this.epoch = epoch;
    this.numSteps = numSteps;
    this.stepStart = stepStart;
    this.members = members;
  }

  /**
   * Steps in an epoch of n examples: ⌈n / batchSize⌉, the last one possibly short (as in Keras).
   */
  public static int numSteps(long n, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
    }
    long steps = (n + batchSize - 1) / batchSize;
    if (steps > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many steps per epoch: " + steps);
    }
    return (int) steps;
  }

  /** The plan of a block for epoch {@code epoch} of training on n examples. */
  public static BatchPlan of(DataBlock block, long n, int batchSize, long seed, int epoch) {
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "at most " + Integer.MAX_VALUE + " training examples, found " + n);
    }
    int steps = numSteps(n, batchSize);
    int size = block.size();
    EpochPermutation perm = new EpochPermutation(seed, epoch, n);
    long[] keyed = new long[size];
    for (int i = 0; i < size; i++) {
      long pos = perm.position(block.rank(i));
      keyed[i] = (pos << 32) | i;
    }
    Arrays.sort(keyed);
    int[] members = new int[size];
    int[] start = new int[steps + 1];
    int s = 0;
    for (int k = 0; k < size; k++) {
      int step = (int) ((keyed[k] >>> 32) / batchSize);
      while (s < step) {
        start[++s] = k;
      }
      members[k] = (int) keyed[k];
    }
    while (s < steps) {
      start[++s] = size;
    }
    return new BatchPlan(seed, epoch, steps, start, members);
  }

  public int numSteps() {
    return numSteps;
  }

  /** The seed the plan was made with. */
  public long seed() {
    return seed;
  }

  /** The epoch the plan is for. */
  public int epoch() {
    return epoch;
  }

  /** How many of this block's examples are in the given step. */
  public int count(int step) {
    return stepStart[step + 1] - stepStart[step];
  }

  /**
   * Copies the step's examples into the given blocks (from column 0) and returns how many there
   * are.
   */
  public int gather(DataBlock block, int step, double[] xOut, double[] yOut) {
    int from = stepStart[step];
    int to = stepStart[step + 1];
    for (int k = from; k < to; k++) {
      block.copyExample(members[k], xOut, yOut, k - from);
    }
    return to - from;
  }

  /** The same into a single-precision input block. */
  public int gather(DataBlock block, int step, float[] xOut, double[] yOut) {
    int from = stepStart[step];
    int to = stepStart[step + 1];
    for (int k = from; k < to; k++) {
      block.copyExample(members[k], xOut, yOut, k - from);
    }
    return to - from;
  }

  /** Copies the weights of the step's examples into {@code wOut} (from 0), in gather order. */
  public void gatherWeights(DataBlock block, int step, double[] wOut) {
    int from = stepStart[step];
    int to = stepStart[step + 1];
    for (int k = from; k < to; k++) {
      wOut[k - from] = block.weight(members[k]);
    }
  }

  /**
   * Copies the global ranks of the step's examples, in the order {@link #gather} stacks them, into
   * {@code out} (from 0).
   */
  public void gatherRanks(DataBlock block, int step, long[] out) {
    int from = stepStart[step];
    for (int k = from; k < stepStart[step + 1]; k++) {
      out[k - from] = block.rank(members[k]);
    }
  }

  /** Local indices of the step's members, in position order. */
  public int[] members(int step) {
    return Arrays.copyOfRange(members, stepStart[step], stepStart[step + 1]);
  }
}

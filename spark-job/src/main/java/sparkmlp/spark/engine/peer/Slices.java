package sparkmlp.spark.engine.peer;

import java.io.Serializable;

/**
 * The parameter vector cut into one contiguous slice per task: slice q is {@code [from(q), to(q))},
 * the sizes differing by at most one. Task q owns slice q: it adds the k partitions' sums of it and
 * keeps its weights and optimiser state.
 */
record Slices(int numParams, int count) implements Serializable {
  Slices {
    if (count < 1) {
      throw new IllegalArgumentException("need at least one slice, found " + count);
    }
  }

  int from(int q) {
    return (int) ((long) numParams * q / count);
  }

  int to(int q) {
    return from(q + 1);
  }

  int length(int q) {
    return to(q) - from(q);
  }
}

package sparkmlp.core.train;

import java.io.Serializable;
import sparkmlp.core.layer.Network;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.optim.OptimizerState;

/**
 * The arithmetic of one update, element by element, on any contiguous slice of the parameter
 * vector: divide the summed gradient by the weight total, add L2 weight decay on weights (not
 * biases), step the optimiser. Every operation is per element, so updating the vector in slices
 * (each with the matching slice of the optimiser's state) gives the same bits as updating it whole
 * — which is how a sharded optimiser stays equal to {@link Updater}, which uses this rule too.
 */
public final class UpdateRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Optimizer optimizer;
  private final double weightDecay;

  /** Pairs [from, to) of the weight (not bias) ranges, ascending. */
  private final int[] weightRanges;

  /** The rule of {@code config} for {@code net}'s layout. */
  public UpdateRule(Network net, TrainingConfig config) {
    this.optimizer = config.optimizer();
    this.weightDecay = config.weightDecay();
    this.weightRanges = new int[2 * net.numLayers()];
    for (int l = 0; l < net.numLayers(); l++) {
      weightRanges[2 * l] = net.weightOffset(l);
      weightRanges[2 * l + 1] = net.biasOffset(l);
    }
  }

  /** A fresh optimiser state for a slice of {@code length} parameters. */
  public OptimizerState newState(int length) {
    return optimizer.newState(length);
  }

  /**
   * Updates {@code params} in place, the slice of the vector starting at {@code offset}, from
   * {@code gradSum} (the same slice of the summed gradient, overwritten with the mean) and the
   * slice's optimiser state; returns the index within the slice of the first weight that is no
   * longer finite, or -1.
   */
  public int apply(
      double[] params,
      double[] gradSum,
      int offset,
      double weightTotal,
      OptimizerState state,
      double learningRate) {
    if (!(weightTotal > 0)) {
      throw new IllegalArgumentException(
          "a step needs a positive weight total, found " + weightTotal);
    }
    double n = weightTotal;
    for (int i = 0; i < gradSum.length; i++) {
      gradSum[i] /= n;
    }
    if (weightDecay > 0) {
      int end = offset + params.length;
      for (int r = 0; r < weightRanges.length; r += 2) {
        int from = Math.max(weightRanges[r], offset);
        int to = Math.min(weightRanges[r + 1], end);
        for (int i = from; i < to; i++) {
          gradSum[i - offset] += weightDecay * params[i - offset];
        }
      }
    }
    optimizer.step(params, gradSum, state, learningRate);
    for (int i = 0; i < params.length; i++) {
      if (!Double.isFinite(params[i])) {
        return i;
      }
    }
    return -1;
  }
}

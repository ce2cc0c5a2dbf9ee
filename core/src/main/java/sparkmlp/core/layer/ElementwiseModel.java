package sparkmlp.core.layer;

import sparkmlp.core.linalg.Matrix;

/**
 * A stage without weights that works on each column (example) alone: an activation or a dropout.
 * Besides the whole-block verbs it runs on a range of columns, so that {@link Chain} can take a run
 * of such stages (and the bias gradient below them) through one block of columns at a time while it
 * is in cache, instead of one pass over the whole batch per stage. The same operations in the same
 * order on every value: the numbers do not depend on the blocking.
 */
interface ElementwiseModel extends LayerModel {
  /** Forward on columns [from, to) of {@code input} into the same columns of {@code output}. */
  void evalColumns(Matrix input, Matrix output, int from, int to);

  /**
   * Backward in place on columns [from, to) of {@code delta}: dL/d(output) becomes dL/d(input),
   * with {@code output} the stage's forward output.
   */
  void backpropColumns(Matrix delta, Matrix output, int from, int to);

  @Override
  default void eval(Matrix input, Matrix output) {
    evalColumns(input, output, 0, input.cols());
  }

  @Override
  default void computePrevDelta(Matrix delta, Matrix output, Matrix prevDelta) {
    if (delta != prevDelta) {
      throw new IllegalArgumentException("an element-wise stage's backward pass runs in place");
    }
    backpropColumns(delta, output, 0, delta.cols());
  }

  @Override
  default void grad(Matrix delta, Matrix input, Matrix cumGrad) {
    // no weights
  }
}

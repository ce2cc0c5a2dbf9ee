package sparkmlp.core.layer;

import sparkmlp.core.linalg.Matrix;

/**
 * A layer during one pass: a stateless view over its slice of the flat parameter vector (if it has
 * weights) with Spark's three verbs. Blocks are column-major, one example per column.
 */
interface LayerModel {
  /** A dropout layer outside training: the identity, in place both ways. */
  ElementwiseModel PASS_THROUGH =
      new ElementwiseModel() {
        @Override
        public void evalColumns(Matrix input, Matrix output, int from, int to) {}

        @Override
        public void backpropColumns(Matrix delta, Matrix output, int from, int to) {}
      };

  /** Forward: writes the layer's output for {@code input} into {@code output}. */
  void eval(Matrix input, Matrix output);

  /**
   * Backward through the layer: from {@code delta} = dL/d(output) and the forward {@code output},
   * writes dL/d(input) into {@code prevDelta} (which may be {@code delta} itself for layers that
   * work element by element).
   */
  void computePrevDelta(Matrix delta, Matrix output, Matrix prevDelta);

  /** Adds dL/d(weights) for this batch to the layer's slice of {@code cumGrad}. */
  void grad(Matrix delta, Matrix input, Matrix cumGrad);
}

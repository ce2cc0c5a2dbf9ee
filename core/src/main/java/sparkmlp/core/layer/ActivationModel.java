package sparkmlp.core.layer;

import sparkmlp.core.activation.Activation;
import sparkmlp.core.linalg.Matrix;

/**
 * A hidden layer's activation, applied in place to the affine output: a = f(z) forward, and dL/dz =
 * dL/da · f'(z) backward, with f' computed from the stored outputs a (so z need not be kept).
 */
final class ActivationModel implements ElementwiseModel {
  private final Activation f;

  ActivationModel(Activation f) {
    this.f = f;
  }

  @Override
  public void evalColumns(Matrix input, Matrix output, int from, int to) {
    if (input != output) {
      throw new IllegalArgumentException("an activation runs in place");
    }
    int rows = output.rows();
    int off = output.offset() + from * rows;
    if (output.isFloat()) {
      f.apply(output.floatData(), off, rows, to - from);
    } else {
      f.apply(output.data(), off, rows, to - from);
    }
  }

  @Override
  public void backpropColumns(Matrix delta, Matrix output, int from, int to) {
    int rows = delta.rows();
    int start = from * rows;
    int n = (to - from) * rows;
    if (delta.isFloat()) {
      f.backprop(
          output.floatData(),
          output.offset() + start,
          delta.floatData(),
          delta.offset() + start,
          n);
    } else {
      f.backprop(output.data(), output.offset() + start, delta.data(), delta.offset() + start, n);
    }
  }
}

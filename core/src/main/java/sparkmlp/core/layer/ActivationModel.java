package sparkmlp.core.layer;

import sparkmlp.core.activation.Activation;
import sparkmlp.core.linalg.Matrix;

/**
 * A hidden layer's activation, applied in place to the affine output: a = f(z) forward, and dL/dz =
 * dL/da · f'(z) backward, with f' computed from the stored outputs a (so z need not be kept).
 */
final class ActivationModel implements LayerModel {
  private final Activation f;

  ActivationModel(Activation f) {
    this.f = f;
  }

  @Override
  public void eval(Matrix input, Matrix output) {
    if (input != output) {
      throw new IllegalArgumentException("an activation runs in place");
    }
    if (output.isFloat()) {
      f.apply(output.floatData(), output.offset(), output.rows(), output.cols());
    } else {
      f.apply(output.data(), output.offset(), output.rows(), output.cols());
    }
  }

  @Override
  public void computePrevDelta(Matrix delta, Matrix output, Matrix prevDelta) {
    if (delta != prevDelta) {
      throw new IllegalArgumentException("an activation's backward pass runs in place");
    }
    int n = delta.rows() * delta.cols();
    if (delta.isFloat()) {
      f.backprop(output.floatData(), output.offset(), delta.floatData(), delta.offset(), n);
    } else {
      f.backprop(output.data(), output.offset(), delta.data(), delta.offset(), n);
    }
  }

  @Override
  public void grad(Matrix delta, Matrix input, Matrix cumGrad) {
    // no weights
  }
}

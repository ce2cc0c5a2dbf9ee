package sparkmlp.core.layer;

import sparkmlp.core.linalg.Matrix;

/**
 * The affine part of a {@link Dense} layer over its views W (units × fan-in) and b (units × 1) into
 * the parameter vector: z = W·x + b. Its activation is a separate {@link ActivationModel}.
 */
final class DenseModel implements LayerModel {
  private final int offset;
  private final Matrix w;
  private final Matrix b;

  /** The layer whose weights start at {@code offset} of the flat {@code params} (numParams × 1). */
  DenseModel(Matrix params, int offset, int units, int fanIn) {
    this.offset = offset;
    this.w = params.block(offset, units, fanIn);
    this.b = params.block(offset + units * fanIn, units, 1);
  }

  @Override
  public void eval(Matrix input, Matrix output) {
    output.fillColumns(b); // each column starts as b, then one GEMM adds W·x over the batch
    Matrix.gemm(1.0, w, false, input, false, 1.0, output);
  }

  @Override
  public void computePrevDelta(Matrix delta, Matrix output, Matrix prevDelta) {
    Matrix.gemm(1.0, w, true, delta, false, 0.0, prevDelta); // Wᵀ·delta
  }

  @Override
  public void grad(Matrix delta, Matrix input, Matrix cumGrad) {
    gradWeights(delta, input, cumGrad);
    delta.addColumnsTo(biasGradient(cumGrad)); // db += Σ delta
  }

  /** dW += delta·xᵀ, without the bias (which {@link Chain} may sum while delta is in cache). */
  void gradWeights(Matrix delta, Matrix input, Matrix cumGrad) {
    Matrix gw = cumGrad.block(offset, w.rows(), w.cols());
    Matrix.gemm(1.0, delta, false, input, true, 1.0, gw);
  }

  /** The layer's bias slice (units × 1) of a gradient vector. */
  Matrix biasGradient(Matrix cumGrad) {
    return cumGrad.block(offset + w.rows() * w.cols(), w.rows(), 1);
  }
}

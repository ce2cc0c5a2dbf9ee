package sparkmlp.core.layer;

import sparkmlp.core.linalg.Matrix;

/**
 * A {@link Dropout} layer while training: output = input ⊙ m, where m is 0 for a dropped unit and 1
 * / (1 − rate) for a kept one, drawn from the pass's {@link DropoutKey}; backward, dL/d(input) =
 * dL/d(output) ⊙ m, in place. The mask block is workspace scratch, written by {@link #eval}.
 */
final class DropoutModel implements LayerModel {
  private final double rate;
  private final DropoutKey key;
  private final int layer;
  private final Matrix mask;

  DropoutModel(double rate, DropoutKey key, int layer, Matrix mask) {
    this.rate = rate;
    this.key = key;
    this.layer = layer;
    this.mask = mask;
  }

  @Override
  public void eval(Matrix input, Matrix output) {
    double scale = 1.0 / (1.0 - rate);
    int rows = mask.rows();
    for (int j = 0; j < mask.cols(); j++) {
      long seed = key.columnSeed(j, layer);
      for (int i = 0; i < rows; i++) {
        mask.set(j * rows + i, DropoutKey.uniform(seed, i) >= rate ? scale : 0.0);
      }
    }
    Matrix.multiply(input, mask, output);
  }

  @Override
  public void computePrevDelta(Matrix delta, Matrix output, Matrix prevDelta) {
    Matrix.multiply(delta, mask, prevDelta);
  }

  @Override
  public void grad(Matrix delta, Matrix input, Matrix cumGrad) {
    // no weights
  }
}

package sparkmlp.core.layer;

import sparkmlp.core.linalg.Matrix;

/**
 * A {@link Dropout} layer while training: output = input ⊙ m, where m is 0 for a dropped unit and 1
 * / (1 − rate) for a kept one, drawn from the pass's {@link DropoutKey}; backward, dL/d(input) =
 * dL/d(output) ⊙ m, in place. The mask block is workspace scratch, written by {@link #eval}.
 */
final class DropoutModel implements ElementwiseModel {
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
  public void evalColumns(Matrix input, Matrix output, int from, int to) {
    // The mask is written without a branch per unit: a unit is dropped at random, and a branch
    // on it was a tenth of a float step at batch 512 (784-512-256-10, dropout 0.2).
    double scale = 1.0 / (1.0 - rate);
    long threshold = DropoutKey.threshold(rate);
    int rows = mask.rows();
    int off = mask.offset();
    if (mask.isFloat()) {
      float[] m = mask.floatData();
      int kept = Float.floatToRawIntBits((float) scale);
      for (int j = from; j < to; j++) {
        long seed = key.columnSeed(j, layer);
        for (int i = 0; i < rows; i++) {
          m[off + j * rows + i] =
              Float.intBitsToFloat(kept & (int) DropoutKey.keep(seed, i, threshold));
        }
      }
    } else {
      double[] m = mask.data();
      long kept = Double.doubleToRawLongBits(scale);
      for (int j = from; j < to; j++) {
        long seed = key.columnSeed(j, layer);
        for (int i = 0; i < rows; i++) {
          m[off + j * rows + i] =
              Double.longBitsToDouble(kept & DropoutKey.keep(seed, i, threshold));
        }
      }
    }
    Matrix.multiplyColumns(input, mask, output, from, to);
  }

  @Override
  public void backpropColumns(Matrix delta, Matrix output, int from, int to) {
    Matrix.multiplyColumns(delta, mask, delta, from, to);
  }
}

package sparkmlp.core.layer;

import sparkmlp.core.linalg.Matrix;

/**
 * The output of a training pass with a softmax output and softmax cross-entropy, in one pass over
 * each column of logits: the softmax (written to the workspace's output), the loss and dL/dz =
 * softmax(z) − onehot(t), straight into the delta block in its precision. The same operations in
 * the same order as {@code Activation.SOFTMAX.apply} followed by {@code
 * Loss.SOFTMAX_CROSS_ENTROPY}: the loss's Σ e^{z−max} is the softmax's own sum, so each exponential
 * is taken once instead of twice, and float logits are read as doubles without copying them first.
 */
final class SoftmaxCrossEntropyPass {
  private SoftmaxCrossEntropyPass() {}

  /**
   * Loss sum Σ w_j·L_j (w null = all 1) of the batch whose logits are {@code z} (rows × batch);
   * writes the softmax into {@code out} (from 0) and w_j·dL_j/dz into {@code delta}.
   */
  static double run(
      Matrix z, double[] out, Matrix delta, double[] y, int yOff, double[] w, int wOff) {
    int rows = z.rows();
    double sum = 0;
    for (int j = 0; j < z.cols(); j++) {
      int t = classIndex(y[yOff + j], rows);
      int base = j * rows;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < rows; i++) {
        max = Math.max(max, logit(z, base + i));
      }
      double s = 0;
      for (int i = 0; i < rows; i++) {
        double e = Math.exp(logit(z, base + i) - max);
        out[base + i] = e;
        s += e;
      }
      double inv = 1.0 / s;
      for (int i = 0; i < rows; i++) {
        out[base + i] *= inv;
      }
      double l = max + Math.log(s) - logit(z, base + t);
      if (w == null) {
        sum += l;
        for (int i = 0; i < rows; i++) {
          store(delta, base + i, i == t ? out[base + i] - 1.0 : out[base + i]);
        }
      } else {
        double wj = w[wOff + j];
        sum += wj * l;
        for (int i = 0; i < rows; i++) {
          double d = wj * out[base + i];
          store(delta, base + i, i == t ? d - wj : d);
        }
      }
    }
    return sum;
  }

  private static int classIndex(double label, int rows) {
    int t = (int) label;
    if (t != label || t < 0 || t >= rows) {
      throw new IllegalArgumentException(
          "class index must be an integer in [0, " + rows + "), found " + label);
    }
    return t;
  }

  private static double logit(Matrix z, int k) {
    return z.isFloat() ? z.floatData()[z.offset() + k] : z.data()[z.offset() + k];
  }

  private static void store(Matrix delta, int k, double v) {
    if (delta.isFloat()) {
      delta.floatData()[delta.offset() + k] = (float) v;
    } else {
      delta.data()[delta.offset() + k] = v;
    }
  }
}

package sparkmlp.core.loss;

import java.util.Locale;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.format.Ids;

/**
 * A loss over the output layer. Per example it sums over the output units; a batch's loss is the
 * mean of its examples' losses. The network works with sums (loss sums and gradient sums) and
 * divides once by the example count, so that gradients summed across partitions average exactly
 * over the global batch.
 *
 * <p>Targets are column-major with {@link #targetRows} rows per example: the class index for
 * softmax cross-entropy, one value per output unit otherwise.
 */
public enum Loss {
  /**
   * Squared error, ½ Σ_k (a_k − t_k)² per example (the textbook "sum of squares error", and Spark's
   * {@code SquaredError}); dL/dz = (a − t) · f'(z). Keras's {@code MeanSquaredError} is this × 2 /
   * k.
   */
  MSE {
    @Override
    double lossAndDelta(
        Activation output,
        double[] z,
        double[] a,
        int rows,
        int batch,
        double[] y,
        int yOff,
        double[] w,
        int wOff,
        double[] delta) {
      double sum = 0;
      int n = rows * batch;
      for (int i = 0; i < n; i++) {
        double d = a[i] - y[yOff + i];
        if (w == null) {
          sum += d * d;
        } else {
          double wi = w[wOff + i / rows];
          sum += wi * d * d;
          d *= wi;
        }
        if (delta != null) {
          delta[i] = d;
        }
      }
      if (delta != null) {
        output.backprop(a, 0, delta, 0, n);
      }
      return 0.5 * sum;
    }
  },
  /**
   * Binary cross-entropy of sigmoid outputs, from the logits x with the stable form max(x, 0) − x·t
   * + log(1 + e^−|x|) (as TensorFlow's {@code sigmoid_cross_entropy_with_logits}); dL/dx = σ(x) −
   * t, fused. Summed over output units, so a multi-label output of k sigmoids is k independent
   * binary problems.
   */
  BINARY_CROSS_ENTROPY {
    @Override
    double lossAndDelta(
        Activation output,
        double[] z,
        double[] a,
        int rows,
        int batch,
        double[] y,
        int yOff,
        double[] w,
        int wOff,
        double[] delta) {
      double sum = 0;
      int n = rows * batch;
      for (int i = 0; i < n; i++) {
        double x = z[i];
        double t = y[yOff + i];
        double l = Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
        if (w == null) {
          sum += l;
          if (delta != null) {
            delta[i] = a[i] - t;
          }
        } else {
          double wi = w[wOff + i / rows];
          sum += wi * l;
          if (delta != null) {
            delta[i] = wi * (a[i] - t);
          }
        }
      }
      return sum;
    }
  },
  /**
   * Softmax cross-entropy from logits: log Σ_j e^{z_j} − z_t per example, with the log-sum-exp
   * shifted by the column maximum; dL/dz = softmax(z) − onehot(t), fused.
   */
  SOFTMAX_CROSS_ENTROPY {
    @Override
    public int targetRows(int outputs) {
      return 1;
    }

    @Override
    double lossAndDelta(
        Activation output,
        double[] z,
        double[] a,
        int rows,
        int batch,
        double[] y,
        int yOff,
        double[] w,
        int wOff,
        double[] delta) {
      double sum = 0;
      for (int j = 0; j < batch; j++) {
        int base = j * rows;
        double label = y[yOff + j];
        int t = (int) label;
        if (t != label || t < 0 || t >= rows) {
          throw new IllegalArgumentException(
              "class index must be an integer in [0, " + rows + "), found " + label);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
          max = Math.max(max, z[base + i]);
        }
        double s = 0;
        for (int i = 0; i < rows; i++) {
          s += Math.exp(z[base + i] - max);
        }
        double l = max + Math.log(s) - z[base + t];
        if (w == null) {
          sum += l;
          if (delta != null) {
            System.arraycopy(a, base, delta, base, rows);
            delta[base + t] -= 1.0;
          }
        } else {
          double wj = w[wOff + j];
          sum += wj * l;
          if (delta != null) {
            for (int i = 0; i < rows; i++) {
              delta[base + i] = wj * a[base + i];
            }
            delta[base + t] -= wj;
          }
        }
      }
      return sum;
    }
  };

  /** Rows of the target block for a layer of {@code outputs} units. */
  public int targetRows(int outputs) {
    return outputs;
  }

  /**
   * Sum of the per-example losses of a batch; when {@code delta} is not null, also writes dL/dz
   * (per example, not divided by the batch size) into it. All blocks are rows × batch,
   * column-major, from 0, except y, which starts at {@code yOff} and has {@link #targetRows} rows.
   * With per-example weights {@code w} (from {@code wOff}; null = all 1), the sum is Σ w_j·L_j and
   * column j of delta is w_j·dL_j/dz; the unweighted path computes exactly what it did before
   * weights existed.
   */
  abstract double lossAndDelta(
      Activation output,
      double[] z,
      double[] a,
      int rows,
      int batch,
      double[] y,
      int yOff,
      double[] w,
      int wOff,
      double[] delta);

  /** Loss sum and, when delta is not null, the output delta; see {@link #lossAndDelta}. */
  public double evaluate(
      Activation output,
      double[] logits,
      double[] outputs,
      int rows,
      int batch,
      double[] y,
      int yOff,
      double[] delta) {
    return lossAndDelta(output, logits, outputs, rows, batch, y, yOff, null, 0, delta);
  }

  /** The same with per-example weights {@code w[wOff…]} (null = unweighted). */
  public double evaluate(
      Activation output,
      double[] logits,
      double[] outputs,
      int rows,
      int batch,
      double[] y,
      int yOff,
      double[] w,
      int wOff,
      double[] delta) {
    return lossAndDelta(output, logits, outputs, rows, batch, y, yOff, w, wOff, delta);
  }

  /** Rejects output activations this loss cannot be paired with. */
  public void checkOutput(Activation output) {
    boolean ok =
        switch (this) {
          case SOFTMAX_CROSS_ENTROPY -> output == Activation.SOFTMAX;
          case BINARY_CROSS_ENTROPY -> output == Activation.SIGMOID;
          case MSE -> output != Activation.SOFTMAX;
        };
    if (!ok) {
      String expected =
          switch (this) {
            case SOFTMAX_CROSS_ENTROPY -> "a softmax output";
            case BINARY_CROSS_ENTROPY -> "a sigmoid output";
            case MSE -> "an identity, relu, sigmoid or tanh output";
          };
      throw new IllegalArgumentException(
          "loss " + id() + " needs " + expected + ", found " + output.id());
    }
  }

  /** The name used in configs and model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@link #id()}. */
  public static Loss fromId(String id) {
    Loss l = Ids.find(values(), Loss::id, id);
    if (l == null) {
      throw new IllegalArgumentException(
          "unknown loss '" + id + "'; expected " + Ids.oneOf(values(), Loss::id));
    }
    return l;
  }
}

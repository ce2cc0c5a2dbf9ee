package sparkmlp.core.activation;

import java.util.Locale;
import sparkmlp.core.format.Ids;

/**
 * An element-wise (or, for softmax, column-wise) activation. Blocks are column-major with one
 * example per column; {@link #apply} works in place, and {@link #backprop} turns dL/da into dL/dz
 * using the stored outputs a = f(z), so hidden layers need not keep their pre-activations.
 */
public enum Activation {
  /**
   * Logistic sigmoid, 1 / (1 + e^−x) for x ≥ 0 and e^x / (1 + e^x) below, so no exp overflows for
   * any finite input (the naive form overflows e^1000 at x = −1000).
   */
  SIGMOID {
    @Override
    public double apply(double z) {
      // Two branches so exp never sees a large positive argument: sigmoid(-1000) = 0, sigmoid(1000)
      // = 1.
      if (z >= 0) {
        return 1.0 / (1.0 + Math.exp(-z));
      }
      double e = Math.exp(z);
      return e / (1.0 + e);
    }

    @Override
    double derivativeFromOutput(double a) {
      return a * (1.0 - a);
    }
  },
  TANH {
    @Override
    public double apply(double z) {
      return Math.tanh(z);
    }

    @Override
    double derivativeFromOutput(double a) {
      return 1.0 - a * a;
    }
  },
  /**
   * max(z, 0). NaN stays NaN, as in Keras, so a diverged layer shows in the loss instead of turning
   * into zeros.
   */
  RELU {
    @Override
    public double apply(double z) {
      return Math.max(z, 0.0);
    }

    @Override
    double derivativeFromOutput(double a) {
      return a > 0 ? 1.0 : 0.0;
    }

    // ReLU's own block loops have no branch on the sign: about half of a layer's units are active,
    // in no pattern a branch predictor learns, and the shared loops below (a branch per value) took
    // 3.3 ms a pass over 2048 × 384 values; these take 0.1–0.4 ms and give the same bits for any
    // input but NaN (ActivationTest).
    @Override
    public void apply(double[] z, int off, int rows, int cols) {
      int end = off + rows * cols;
      for (int i = off; i < end; i++) {
        z[i] = Math.max(z[i], 0.0);
      }
    }

    @Override
    public void apply(float[] z, int off, int rows, int cols) {
      int end = off + rows * cols;
      for (int i = off; i < end; i++) {
        z[i] = Math.max(z[i], 0f);
      }
    }

    /** delta times 1.0 where the output is not +0.0, else times 0.0: f'(z) from a = max(z, 0). */
    @Override
    public void backprop(double[] a, int aOff, double[] delta, int dOff, int len) {
      for (int i = 0; i < len; i++) {
        long bits = Double.doubleToRawLongBits(a[aOff + i]);
        delta[dOff + i] *= Double.longBitsToDouble(((bits | -bits) >> 63) & ONE_BITS);
      }
    }

    @Override
    public void backprop(float[] a, int aOff, float[] delta, int dOff, int len) {
      for (int i = 0; i < len; i++) {
        int bits = Float.floatToRawIntBits(a[aOff + i]);
        delta[dOff + i] *= Float.intBitsToFloat(((bits | -bits) >> 31) & ONE_FLOAT_BITS);
      }
    }
  },
  /** The linear (identity) activation. */
  IDENTITY {
    @Override
    public double apply(double z) {
      return z;
    }

    @Override
    double derivativeFromOutput(double a) {
      return 1.0;
    }

    @Override
    public void apply(double[] z, int off, int rows, int cols) {
      // nothing to do
    }

    @Override
    public void backprop(double[] a, int aOff, double[] delta, int dOff, int len) {
      // derivative is 1
    }

    @Override
    public void apply(float[] z, int off, int rows, int cols) {
      // nothing to do
    }

    @Override
    public void backprop(float[] a, int aOff, float[] delta, int dOff, int len) {
      // derivative is 1
    }
  },
  /** Softmax over each column after subtracting the column maximum: exp never overflows. */
  SOFTMAX {
    @Override
    public double apply(double z) {
      throw new UnsupportedOperationException("softmax is defined on a vector, not a single value");
    }

    @Override
    double derivativeFromOutput(double a) {
      throw new UnsupportedOperationException("softmax");
    }

    @Override
    public void apply(double[] z, int off, int rows, int cols) {
      for (int j = 0; j < cols; j++) {
        int base = off + j * rows;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
          max = Math.max(max, z[base + i]);
        }
        double sum = 0;
        for (int i = 0; i < rows; i++) {
          double e = Math.exp(z[base + i] - max);
          z[base + i] = e;
          sum += e;
        }
        double inv = 1.0 / sum;
        for (int i = 0; i < rows; i++) {
          z[base + i] *= inv;
        }
      }
    }

    @Override
    public void backprop(double[] a, int aOff, double[] delta, int dOff, int len) {
      throw new UnsupportedOperationException(
          "softmax is only supported as the output layer with softmax cross-entropy");
    }
  };

  /** The bits of 1.0 and of 1.0f: ReLU's backward pass selects between them and 0 by masking. */
  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

  private static final int ONE_FLOAT_BITS = Float.floatToRawIntBits(1f);

  /** f(z) for one value. */
  public abstract double apply(double z);

  /** f'(z) written in terms of a = f(z). */
  abstract double derivativeFromOutput(double a);

  /** Applies f in place to a rows × cols column-major block starting at {@code off}. */
  public void apply(double[] z, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      z[i] = apply(z[i]);
    }
  }

  /** delta[i] *= f'(z_i), where a holds the outputs f(z_i); {@code len} elements. */
  public void backprop(double[] a, int aOff, double[] delta, int dOff, int len) {
    for (int i = 0; i < len; i++) {
      delta[dOff + i] *= derivativeFromOutput(a[aOff + i]);
    }
  }

  /** {@link #apply(double[], int, int, int)} over floats (the float path), each value in double. */
  public void apply(float[] z, int off, int rows, int cols) {
    int end = off + rows * cols;
    for (int i = off; i < end; i++) {
      z[i] = (float) apply(z[i]);
    }
  }

  /** {@link #backprop(double[], int, double[], int, int)} over floats. */
  public void backprop(float[] a, int aOff, float[] delta, int dOff, int len) {
    for (int i = 0; i < len; i++) {
      delta[dOff + i] *= (float) derivativeFromOutput(a[aOff + i]);
    }
  }

  /**
   * True when f works on each value alone, as a hidden layer needs; softmax works on a whole
   * column.
   */
  public boolean elementWise() {
    return this != SOFTMAX;
  }

  /** The name used in configs and model files: {@code sigmoid}, {@code tanh}, {@code relu}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a name as written in configs ({@code relu}, {@code linear} for identity). */
  public static Activation fromId(String id) {
    if (id.trim().toLowerCase(Locale.ROOT).equals("linear")) {
      return IDENTITY;
    }
    Activation a = Ids.find(values(), Activation::id, id);
    if (a == null) {
      throw new IllegalArgumentException(
          "unknown activation '" + id + "'; expected " + Ids.oneOf(values(), Activation::id));
    }
    return a;
  }
}

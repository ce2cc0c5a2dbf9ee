package sparkmlp.core.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.linalg.Blas;
import sparkmlp.core.loss.Loss;

/**
 * A multilayer perceptron's topology and loss, and the passes over it. All parameters live in one
 * flat vector: for each layer in order, its weight matrix W (units × fan-in, column-major) and then
 * its bias b. Batches are column-major blocks with one example per column, so every pass is a few
 * large GEMMs. Gradients and losses are sums over the batch; the caller divides once by the example
 * count.
 */
public final class Network implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Upper bound on the parameter count, so a corrupt size never triggers a huge allocation. */
  public static final int MAX_PARAMS = 1 << 28;

  private final int inputSize;
  private final List<Dense> layers;
  private final Loss loss;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  private final int numParams;

  public Network(int inputSize, List<Dense> layers, Loss loss) {
    Objects.requireNonNull(layers, "layers");
    Objects.requireNonNull(loss, "loss");
    if (inputSize < 1 || inputSize > Dense.MAX_UNITS) {
      throw new IllegalArgumentException(
          "input size must be between 1 and " + Dense.MAX_UNITS + ", found " + inputSize);
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one layer, found none");
    }
    for (int l = 0; l < layers.size() - 1; l++) {
      if (layers.get(l).activation() == Activation.SOFTMAX) {
        throw new IllegalArgumentException(
            "softmax is only supported on the output layer, found it on layer " + (l + 1));
      }
    }
    loss.checkOutput(layers.get(layers.size() - 1).activation());
    this.inputSize = inputSize;
    this.layers = List.copyOf(layers);
    this.loss = loss;
    this.weightOffsets = new int[layers.size()];
    this.biasOffsets = new int[layers.size()];
    long offset = 0;
    int fanIn = inputSize;
    for (int l = 0; l < layers.size(); l++) {
      int units = layers.get(l).units();
      weightOffsets[l] = (int) Math.min(offset, Integer.MAX_VALUE);
      offset += (long) units * fanIn;
      biasOffsets[l] = (int) Math.min(offset, Integer.MAX_VALUE);
      offset += units;
      fanIn = units;
      if (offset > MAX_PARAMS) {
        throw new IllegalArgumentException(
            "a network may have at most " + MAX_PARAMS + " parameters, found more");
      }
    }
    this.numParams = (int) offset;
  }

  /**
   * Keras-style construction: {@code Network.of(4, Loss.SOFTMAX_CROSS_ENTROPY, Dense.of(16, RELU),
   * Dense.of(3, SOFTMAX))}.
   */
  public static Network of(int inputSize, Loss loss, Dense... layers) {
    return new Network(inputSize, List.of(layers), loss);
  }

  public int inputSize() {
    return inputSize;
  }

  public int outputSize() {
    return layers.get(layers.size() - 1).units();
  }

  public List<Dense> layers() {
    return layers;
  }

  public int numLayers() {
    return layers.size();
  }

  public Dense layer(int l) {
    return layers.get(l);
  }

  public Loss loss() {
    return loss;
  }

  public Activation outputActivation() {
    return layers.get(layers.size() - 1).activation();
  }

  /** Rows of a target block: 1 (class index) for softmax cross-entropy, else the output width. */
  public int targetRows() {
    return loss.targetRows(outputSize());
  }

  public int numParams() {
    return numParams;
  }

  /** Inputs of layer l (the previous layer's units, or the input size). */
  public int fanIn(int l) {
    return l == 0 ? inputSize : layers.get(l - 1).units();
  }

  /** Offset of layer l's weight matrix (units × fan-in, column-major) in the flat vector. */
  public int weightOffset(int l) {
    return weightOffsets[l];
  }

  /** Offset of layer l's bias vector in the flat vector. */
  public int biasOffset(int l) {
    return biasOffsets[l];
  }

  /** Layer sizes from input to output, e.g. [784, 256, 128, 10]. */
  public int[] sizes() {
    int[] s = new int[layers.size() + 1];
    s[0] = inputSize;
    for (int l = 0; l < layers.size(); l++) {
      s[l + 1] = layers.get(l).units();
    }
    return s;
  }

  /**
   * Floating-point operations of one training step per example: 2P forward, 2P for weight gradients
   * and 2(P − n₀·n₁) for input gradients (the first layer needs none).
   */
  public long flopsPerExample() {
    return 6L * numParams - 2L * inputSize * layers.get(0).units();
  }

  public Workspace newWorkspace(int batchCapacity) {
    return new Workspace(this, batchCapacity);
  }

  /**
   * Forward pass of {@code batch} examples whose inputs start at {@code x[xOff]}. Returns the
   * workspace's output block (outputSize × batch, column-major), valid until the workspace is used
   * again.
   */
  public double[] forward(double[] params, double[] x, int xOff, int batch, Workspace ws) {
    checkCall(params, x, xOff, batch, ws);
    forwardUnchecked(params, x, xOff, batch, ws);
    return ws.activations[layers.size() - 1];
  }

  /** Sum of the per-example losses of a batch (no gradient). */
  public double loss(
      double[] params, double[] x, int xOff, double[] y, int yOff, int batch, Workspace ws) {
    checkCall(params, x, xOff, batch, ws);
    checkTargets(y, yOff, batch);
    forwardUnchecked(params, x, xOff, batch, ws);
    int last = layers.size() - 1;
    return loss.evaluate(
        outputActivation(), ws.logits, ws.activations[last], outputSize(), batch, y, yOff, null);
  }

  /**
   * Backpropagation over a batch: adds the gradient of the summed loss to {@code gradSum} (which is
   * not cleared) and returns the loss sum.
   */
  public double gradient(
      double[] params,
      double[] x,
      int xOff,
      double[] y,
      int yOff,
      int batch,
      double[] gradSum,
      Workspace ws) {
    return gradient(params, x, xOff, y, yOff, null, 0, batch, gradSum, ws);
  }

  /**
   * The same with per-example weights {@code w[wOff…]} (null = all 1): adds the gradient of Σ
   * w_j·L_j and returns that weighted loss sum.
   */
  public double gradient(
      double[] params,
      double[] x,
      int xOff,
      double[] y,
      int yOff,
      double[] w,
      int wOff,
      int batch,
      double[] gradSum,
      Workspace ws) {
    checkCall(params, x, xOff, batch, ws);
    if (w != null && (wOff < 0 || wOff + batch > w.length)) {
      throw new IllegalArgumentException(
          "weight array of " + w.length + " values cannot hold " + batch + " from " + wOff);
    }
    checkTargets(y, yOff, batch);
    if (gradSum.length != numParams) {
      throw new IllegalArgumentException(
          "gradient vector must have " + numParams + " values, found " + gradSum.length);
    }
    if (batch == 0) {
      return 0.0;
    }
    forwardUnchecked(params, x, xOff, batch, ws);
    int last = layers.size() - 1;
    double[] delta = ws.deltaA;
    double[] spare = ws.deltaB;
    double lossSum =
        loss.evaluate(
            outputActivation(),
            ws.logits,
            ws.activations[last],
            outputSize(),
            batch,
            y,
            yOff,
            w,
            wOff,
            delta);
    for (int l = last; l >= 0; l--) {
      int units = layers.get(l).units();
      int in = fanIn(l);
      double[] prev = l == 0 ? x : ws.activations[l - 1];
      int prevOff = l == 0 ? xOff : 0;
      // dW += delta · prevᵀ
      Blas.gemm(
          false,
          true,
          units,
          in,
          batch,
          1.0,
          delta,
          0,
          units,
          prev,
          prevOff,
          in,
          1.0,
          gradSum,
          weightOffsets[l],
          units);
      int b = biasOffsets[l];
      for (int j = 0; j < batch; j++) {
        int col = j * units;
        for (int i = 0; i < units; i++) {
          gradSum[b + i] += delta[col + i];
        }
      }
      if (l > 0) {
        // delta_prev = Wᵀ · delta, then times f'(z_prev) through the stored outputs
        Blas.gemm(
            true,
            false,
            in,
            batch,
            units,
            1.0,
            params,
            weightOffsets[l],
            units,
            delta,
            0,
            units,
            0.0,
            spare,
            0,
            in);
        layers.get(l - 1).activation().backprop(prev, 0, spare, 0, in * batch);
        double[] t = delta;
        delta = spare;
        spare = t;
      }
    }
    return lossSum;
  }

  private void forwardUnchecked(double[] params, double[] x, int xOff, int batch, Workspace ws) {
    double[] in = x;
    int inOff = xOff;
    int last = layers.size() - 1;
    for (int l = 0; l <= last; l++) {
      Dense layer = layers.get(l);
      int units = layer.units();
      int fan = fanIn(l);
      double[] out = l == last ? ws.logits : ws.activations[l];
      int b = biasOffsets[l];
      for (int j = 0; j < batch; j++) {
        System.arraycopy(params, b, out, j * units, units);
      }
      Blas.gemm(
          false,
          false,
          units,
          batch,
          fan,
          1.0,
          params,
          weightOffsets[l],
          units,
          in,
          inOff,
          fan,
          1.0,
          out,
          0,
          units);
      if (l == last) {
        System.arraycopy(out, 0, ws.activations[l], 0, units * batch);
        out = ws.activations[l];
      }
      layer.activation().apply(out, 0, units, batch);
      in = out;
      inOff = 0;
    }
  }

  private void checkCall(double[] params, double[] x, int xOff, int batch, Workspace ws) {
    if (params.length != numParams) {
      throw new IllegalArgumentException(
          "parameter vector must have " + numParams + " values, found " + params.length);
    }
    if (batch < 0) {
      throw new IllegalArgumentException("batch size must be >= 0, found " + batch);
    }
    if (xOff < 0 || (long) xOff + (long) inputSize * batch > x.length) {
      throw new IllegalArgumentException(
          "input block must hold "
              + batch
              + " examples of "
              + inputSize
              + " features from offset "
              + xOff
              + ", found an array of "
              + x.length);
    }
    if (ws.network != this && !ws.network.equals(this)) {
      throw new IllegalArgumentException("workspace belongs to another network");
    }
    ws.ensure(batch);
  }

  private void checkTargets(double[] y, int yOff, int batch) {
    int rows = targetRows();
    if (yOff < 0 || (long) yOff + (long) rows * batch > y.length) {
      throw new IllegalArgumentException(
          "target block must hold "
              + batch
              + " examples of "
              + rows
              + " values from offset "
              + yOff
              + ", found an array of "
              + y.length);
    }
  }

  /** A readable summary like {@code 784-256(relu)-128(relu)-10(softmax), softmax-cross-entropy}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add(Integer.toString(inputSize));
    for (Dense d : layers) {
      parts.add(d.units() + "(" + d.activation().id() + ")");
    }
    return String.join("-", parts) + ", " + loss.id();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Network n
        && n.inputSize == inputSize
        && n.layers.equals(layers)
        && n.loss == loss;
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputSize, layers, loss);
  }
}

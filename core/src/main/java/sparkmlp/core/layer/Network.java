package sparkmlp.core.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.BatchView;
import sparkmlp.core.data.FloatBatchView;
import sparkmlp.core.linalg.Matrix;
import sparkmlp.core.loss.Loss;

/**
 * A multilayer perceptron's topology and loss, and the passes over it. The topology is a list of
 * {@link Layer}s ({@link Dense} and {@link Dropout}); all parameters live in one flat vector: for
 * each dense layer in order, its weight matrix W (units × fan-in, column-major) and then its bias
 * b. A pass runs the {@link Chain} of stages the layers expand to, each a {@link LayerModel}
 * viewing its slice of the parameters; the output layer's activation is fused with the loss.
 * Batches are column-major blocks with one example per column, so every pass is a few large GEMMs.
 * Gradients and losses are sums over the batch; the caller divides once by the example count.
 */
public final class Network implements java.io.Serializable {
  private static final long serialVersionUID = 2L;

  /** Upper bound on the parameter count, so a corrupt size never triggers a huge allocation. */
  public static final int MAX_PARAMS = 1 << 28;

  private final int inputSize;
  private final List<Layer> topology;
  private final List<Dense> layers;
  private final Loss loss;
  private final int[] weightOffsets;
  private final int[] biasOffsets;
  private final Chain chain;
  private final int numParams;

  /**
   * A network over {@code inputSize} inputs; {@code layers} holds {@link Dense} and {@link Dropout}
   * layers and ends with a dense output layer.
   */
  public Network(int inputSize, List<? extends Layer> layers, Loss loss) {
    List<Dense> dense = NetworkChecks.denseLayers(inputSize, layers, loss);
    loss.checkOutput(dense.get(dense.size() - 1).activation());
    this.inputSize = inputSize;
    this.topology = List.copyOf(layers);
    this.layers = List.copyOf(dense);
    this.loss = loss;
    this.weightOffsets = new int[dense.size()];
    this.biasOffsets = new int[dense.size()];
    List<Chain.Stage> stages = new ArrayList<>();
    long offset = 0;
    int width = inputSize;
    int l = 0;
    for (int t = 0; t < topology.size(); t++) {
      Layer layer = topology.get(t);
      if (layer instanceof Dense d) {
        weightOffsets[l] = (int) Math.min(offset, Integer.MAX_VALUE);
        biasOffsets[l] = (int) Math.min(offset + (long) d.units() * width, Integer.MAX_VALUE);
        stages.add(
            new Chain.Stage(Chain.Kind.DENSE, t, d.units(), width, weightOffsets[l], null, 0));
        boolean output = t == topology.size() - 1;
        if (!output && d.activation() != Activation.IDENTITY) {
          stages.add(
              new Chain.Stage(
                  Chain.Kind.ACTIVATION, t, d.units(), d.units(), 0, d.activation(), 0));
        }
        l++;
      } else if (layer instanceof Dropout p && p.rate() > 0) {
        stages.add(new Chain.Stage(Chain.Kind.DROPOUT, t, width, width, 0, null, p.rate()));
      }
      offset += layer.numWeights(width);
      width = layer.outputSize(width);
      if (offset > MAX_PARAMS) {
        throw new IllegalArgumentException(
            "a network may have at most " + MAX_PARAMS + " parameters, found more");
      }
    }
    this.chain = new Chain(stages, outputActivation(), loss);
    this.numParams = (int) offset;
  }

  /**
   * Keras-style construction: {@code Network.of(4, Loss.SOFTMAX_CROSS_ENTROPY, Dense.of(16, RELU),
   * Dense.of(3, SOFTMAX))}.
   */
  public static Network of(int inputSize, Loss loss, Layer... layers) {
    return new Network(inputSize, List.of(layers), loss);
  }

  public int inputSize() {
    return inputSize;
  }

  public int outputSize() {
    return layers.get(layers.size() - 1).units();
  }

  /** The dense layers, input to output: what inference computes (dropout passes through then). */
  public List<Dense> layers() {
    return layers;
  }

  /** All layers as constructed, dense and dropout, input to output. */
  public List<Layer> topology() {
    return topology;
  }

  /** True when some layer is a dropout with a rate above 0, so training passes need a key. */
  public boolean hasDropout() {
    return chain.hasDropout();
  }

  /** Number of dense layers. */
  public int numLayers() {
    return layers.size();
  }

  /** Dense layer l. */
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

  /** Inputs of dense layer l (the previous dense layer's units, or the input size). */
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
    return new Workspace(this, batchCapacity, false);
  }

  /** A workspace for the single-precision {@code gradient}. */
  public Workspace newFloatWorkspace(int batchCapacity) {
    return new Workspace(this, batchCapacity, true);
  }

  /**
   * Forward pass of {@code batch} examples whose inputs start at {@code x[xOff]}, as at inference
   * (dropout passes through). Returns the workspace's output block (outputSize × batch,
   * column-major), valid until the workspace is used again.
   */
  public double[] forward(double[] params, double[] x, int xOff, int batch, Workspace ws) {
    NetworkChecks.call(this, params.length, x.length, xOff, batch, ws, false);
    chain.forward(Matrix.view(params, 0, numParams, 1), input(x, xOff, batch), ws, null);
    return ws.output;
  }

  /** Sum of the per-example losses of a batch (no gradient, weights ignored), as at inference. */
  public double loss(double[] params, BatchView batch, Workspace ws) {
    return loss(params, batch, ws, null);
  }

  /**
   * The same as a training pass would see it: with a {@code key}, dropout layers drop the units the
   * key selects (what a gradient check needs for a fixed mask); without one they pass through.
   */
  public double loss(double[] params, BatchView batch, Workspace ws, DropoutKey key) {
    int count = batch.count();
    NetworkChecks.call(this, params.length, batch.x().length, batch.xOff(), count, ws, false);
    NetworkChecks.targets(this, batch.y(), batch.yOff(), count);
    NetworkChecks.key(key, count);
    chain.forward(
        Matrix.view(params, 0, numParams, 1), input(batch.x(), batch.xOff(), count), ws, key);
    return loss.evaluate(
        outputActivation(),
        ws.lossLogits(),
        ws.output,
        outputSize(),
        count,
        batch.y(),
        batch.yOff(),
        null);
  }

  /**
   * Backpropagation over a batch: adds the gradient of the loss sum Σ w_j·L_j (the batch's weights
   * w, null = all 1) to {@code gradSum} (which is not cleared) and returns that sum. With a {@code
   * key}, dropout layers drop the units its (seed, epoch, rank, layer) hash selects, as training
   * does; with null they pass through.
   */
  public double gradient(
      double[] params, BatchView batch, double[] gradSum, Workspace ws, DropoutKey key) {
    int count = batch.count();
    NetworkChecks.gradientCall(
        this,
        params.length,
        batch.x().length,
        batch.xOff(),
        batch.y(),
        batch.yOff(),
        batch.w(),
        batch.wOff(),
        count,
        gradSum.length,
        ws,
        key,
        false);
    return chain.gradient(
        Matrix.view(params, 0, numParams, 1),
        input(batch.x(), batch.xOff(), count),
        batch.y(),
        batch.yOff(),
        batch.w(),
        batch.wOff(),
        Matrix.view(gradSum, 0, numParams, 1),
        ws,
        key);
  }

  /**
   * The same in single precision, for mixed-precision training: float weights and inputs, every
   * product through {@code sgemm}, the gradient added to a float sum; the loss and its delta at the
   * output are computed in double. Needs a workspace from {@link #newFloatWorkspace}.
   */
  public double gradient(
      float[] params, FloatBatchView batch, float[] gradSum, Workspace ws, DropoutKey key) {
    int count = batch.count();
    NetworkChecks.gradientCall(
        this,
        params.length,
        batch.x().length,
        batch.xOff(),
        batch.y(),
        batch.yOff(),
        batch.w(),
        batch.wOff(),
        count,
        gradSum.length,
        ws,
        key,
        true);
    return chain.gradient(
        Matrix.view(params, 0, numParams, 1),
        Matrix.view(batch.x(), batch.xOff(), inputSize, count),
        batch.y(),
        batch.yOff(),
        batch.w(),
        batch.wOff(),
        Matrix.view(gradSum, 0, numParams, 1),
        ws,
        key);
  }

  private Matrix input(double[] x, int xOff, int batch) {
    return Matrix.view(x, xOff, inputSize, batch);
  }

  /** The chain a pass runs. */
  Chain chain() {
    return chain;
  }

  /**
   * A readable summary like {@code 784-256(relu)-dropout(0.2)-10(softmax), softmax-cross-entropy}.
   */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add(Integer.toString(inputSize));
    for (Layer layer : topology) {
      parts.add(
          layer instanceof Dense d
              ? d.units() + "(" + d.activation().id() + ")"
              : "dropout(" + ((Dropout) layer).rate() + ")");
    }
    return String.join("-", parts) + ", " + loss.id();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Network n
        && n.inputSize == inputSize
        && n.topology.equals(topology)
        && n.loss == loss;
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputSize, topology, loss);
  }
}

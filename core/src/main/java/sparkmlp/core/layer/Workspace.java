package sparkmlp.core.layer;

/**
 * Scratch buffers for one network's forward and backward passes, sized for a batch capacity and
 * grown only when a larger batch comes. Owned by the caller (one per thread); never shared.
 */
public final class Workspace {
  final Network network;
  int capacity;

  /** Outputs of each layer, units × capacity. */
  double[][] activations;

  /** Pre-activations of the output layer, which the losses read. */
  double[] logits;

  double[] deltaA;
  double[] deltaB;

  /** Gathered input and target blocks for callers that assemble batches from scattered examples. */
  double[] batchX;

  double[] batchY;

  /** Gathered per-example weights, for weighted blocks. */
  double[] batchW;

  Workspace(Network network, int capacity) {
    this.network = network;
    allocate(Math.max(1, capacity));
  }

  /** Makes room for a batch of {@code batch} examples. */
  public void ensure(int batch) {
    if (batch > capacity) {
      allocate(Math.max(batch, capacity + capacity / 2));
    }
  }

  /** Input block of at least batch columns, for gathering examples into. */
  public double[] inputBuffer(int batch) {
    ensure(batch);
    return batchX;
  }

  /** Target block of at least batch columns, for gathering targets into. */
  public double[] targetBuffer(int batch) {
    ensure(batch);
    return batchY;
  }

  /** Weight buffer of at least batch values, for gathering per-example weights into. */
  public double[] weightBuffer(int batch) {
    ensure(batch);
    return batchW;
  }

  /** The output block (outputSize × batch) of the last forward pass. */
  public double[] output() {
    return activations[activations.length - 1];
  }

  private void allocate(int cap) {
    capacity = cap;
    int layers = network.numLayers();
    activations = new double[layers][];
    int widest = network.inputSize();
    for (int l = 0; l < layers; l++) {
      int units = network.layer(l).units();
      activations[l] = new double[units * cap];
      widest = Math.max(widest, units);
    }
    logits = new double[network.outputSize() * cap];
    deltaA = new double[widest * cap];
    deltaB = new double[widest * cap];
    batchX = new double[network.inputSize() * cap];
    batchY = new double[network.targetRows() * cap];
    batchW = new double[cap];
  }
}

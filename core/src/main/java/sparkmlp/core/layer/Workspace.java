package sparkmlp.core.layer;

import java.util.function.IntConsumer;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Matrix;
import sparkmlp.core.linalg.Vec;

/**
 * Scratch buffers for one network's forward and backward passes, in double or (for the
 * mixed-precision training path) single precision, sized for a batch capacity and grown only when a
 * larger batch comes. Owned by the caller (one per thread); never shared.
 */
public final class Workspace {
  final Network network;

  /** True for float buffers. */
  final boolean single;

  int capacity;

  /** Output block of each stage that does not run in place (rows × capacity), else null. */
  Vec[] buffers;

  /** Dropout masks (rows × capacity) of the dropout stages, else null. */
  Vec[] masks;

  /** The current pass: each stage's output as a matrix view, and its model. */
  final Matrix[] outputs;

  final LayerModel[] models;

  /** The network's outputs after the output activation, outputSize × capacity, always double. */
  double[] output;

  Vec deltaA;
  Vec deltaB;

  /** Float workspaces only: the logits and the output delta in double, for the loss. */
  private double[] logits64;

  private double[] delta64;

  /** Gathered input and target blocks for callers that assemble batches from scattered examples. */
  private Vec batchX;

  private double[] batchY;

  private long[] ranks;

  /** Gathered per-example weights, for weighted blocks. */
  private double[] batchW;

  /** The batch plan and step whose members the input and target buffers hold, else null. */
  private BatchPlan gatheredPlan;

  private int gatheredStep;

  /** Told where the final part of the gradient sum starts during a gradient pass, or null. */
  private IntConsumer gradientReady;

  /** Told, before each dense layer's forward pass, where the weights it reads end, or null. */
  private IntConsumer weightsNeeded;

  Workspace(Network network, int capacity, boolean single) {
    this.network = network;
    this.single = single;
    this.outputs = new Matrix[network.chain().stages().length];
    this.models = new LayerModel[network.chain().stages().length];
    allocate(Math.max(1, capacity));
  }

  /**
   * Has each later gradient pass on this workspace tell {@code ready}, as its backward pass
   * finishes a dense layer, the offset from which on the gradient sum is final: the output layer's
   * first, so the offsets fall, to 0 when the pass ends. For a caller that sends the sums of the
   * last layers while the first layers' backward still runs; null stops it.
   */
  public void onGradientReady(IntConsumer ready) {
    this.gradientReady = ready;
  }

  /** The backward pass has written the gradient sum from {@code from} on for the last time. */
  void gradientReady(int from) {
    if (gradientReady != null) {
      gradientReady.accept(from);
    }
  }

  /**
   * Has each later forward pass on this workspace (training or not) tell {@code needed}, before a
   * dense layer reads the parameter vector, the offset where that layer's weights and bias end: the
   * first layer's first, so the offsets rise, to the vector's length. The listener returns once the
   * vector up to there holds the pass's weights: for a caller whose weights still arrive while the
   * first layers' forward pass runs (the symmetric of {@link #onGradientReady}); null stops it.
   */
  public void onWeightsNeeded(IntConsumer needed) {
    this.weightsNeeded = needed;
  }

  /** A dense layer's forward pass is about to read the parameters before {@code upTo}. */
  void weightsNeeded(int upTo) {
    if (weightsNeeded != null) {
      weightsNeeded.accept(upTo);
    }
  }

  /**
   * Records that the input and target buffers hold the members of step {@code step} of {@code
   * plan}, gathered ahead of that step's pass (while the caller would otherwise wait).
   */
  public void holdGathered(BatchPlan plan, int step) {
    gatheredPlan = plan;
    gatheredStep = step;
  }

  /**
   * Whether the input and target buffers hold step {@code step} of {@code plan} ({@link
   * #holdGathered}, the buffers not reallocated since); forgets it either way, as the pass that
   * asks reuses the buffers. Ask after taking the buffers for the step's batch.
   */
  public boolean takeGathered(BatchPlan plan, int step) {
    boolean held = gatheredPlan == plan && gatheredStep == step;
    gatheredPlan = null;
    return held;
  }

  /** Makes room for a batch of {@code batch} examples. */
  public void ensure(int batch) {
    if (batch > capacity) {
      allocate(Math.max(batch, capacity + capacity / 2));
    }
  }

  /** Input block of at least batch columns, for gathering examples into (double workspaces). */
  public double[] inputBuffer(int batch) {
    ensure(batch);
    if (!(batchX instanceof DoubleVec d)) {
      throw new IllegalStateException("a float workspace has a float input buffer");
    }
    return d.values();
  }

  /** Input block of at least batch columns, for gathering examples into (float workspaces). */
  public float[] floatInputBuffer(int batch) {
    ensure(batch);
    if (!(batchX instanceof FloatVec f)) {
      throw new IllegalStateException("a double workspace has a double input buffer");
    }
    return f.values();
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

  /** Rank array of at least batch entries, for gathering the examples' global ranks into. */
  public long[] rankBuffer(int batch) {
    ensure(batch);
    return ranks;
  }

  /** The output block (outputSize × batch) of the last forward pass. */
  public double[] output() {
    return output;
  }

  /** The output layer's pre-activations of the last pass in double, which the losses read. */
  double[] lossLogits() {
    return buffers[buffers.length - 1] instanceof DoubleVec d ? d.values() : logits64;
  }

  /** Where the loss writes dL/d(logits). */
  double[] lossDelta() {
    return deltaA instanceof DoubleVec d ? d.values() : delta64;
  }

  /** After the forward pass: brings the first n logits into {@link #lossLogits()}. */
  void loadLogits(int n) {
    if (buffers[buffers.length - 1] instanceof FloatVec f) {
      float[] z = f.values();
      for (int i = 0; i < n; i++) {
        logits64[i] = z[i];
      }
    }
  }

  /** After the loss: brings the first n values of {@link #lossDelta()} into deltaA. */
  void storeLossDelta(int n) {
    if (deltaA instanceof FloatVec f) {
      float[] d = f.values();
      for (int i = 0; i < n; i++) {
        d[i] = (float) delta64[i];
      }
    }
  }

  private Vec array(int n) {
    return Vec.zeros(n, single);
  }

  private void allocate(int cap) {
    capacity = cap;
    gatheredPlan = null;
    Chain.Stage[] stages = network.chain().stages();
    buffers = new Vec[stages.length];
    masks = new Vec[stages.length];
    int widest = network.inputSize();
    for (int s = 0; s < stages.length; s++) {
      Chain.Stage st = stages[s];
      if (st.kind() != Chain.Kind.ACTIVATION) {
        buffers[s] = array(st.rows() * cap);
      }
      if (st.kind() == Chain.Kind.DROPOUT) {
        masks[s] = array(st.rows() * cap);
      }
      widest = Math.max(widest, st.rows());
    }
    output = new double[network.outputSize() * cap];
    if (single) {
      logits64 = new double[network.outputSize() * cap];
      delta64 = new double[network.outputSize() * cap];
    }
    deltaA = array(widest * cap);
    deltaB = array(widest * cap);
    batchX = array(network.inputSize() * cap);
    batchY = new double[network.targetRows() * cap];
    ranks = new long[cap];
    batchW = new double[cap];
  }
}

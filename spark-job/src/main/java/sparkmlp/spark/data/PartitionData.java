package sparkmlp.spark.data;

import java.io.Serializable;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.BlockGradient;
import sparkmlp.core.train.FloatGradientSum;
import sparkmlp.core.train.GradientSum;

/**
 * One partition's training examples, stacked once into a block and cached on its executor, with the
 * scratch state its tasks reuse from step to step: the epoch's batch plan and a workspace. The
 * scratch state is transient: a recomputed partition rebuilds it, deterministically. Two attempts
 * of one partition may run at once (speculation, or a killed attempt still running): they take
 * turns on the workspace, and each sums into its own buffer ({@link GradientBuffers}).
 */
public final class PartitionData implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DataBlock block;
  private final DataFingerprint fingerprint;
  private transient BatchPlan plan;
  private transient int planEpoch = -1;
  private transient Workspace workspace;
  private transient Workspace floatWorkspace;
  private transient FloatGradientSum floatSum;

  public PartitionData(DataBlock block) {
    this(block, new DataFingerprint());
  }

  /** A partition built from raw examples, with their fingerprint. */
  public PartitionData(DataBlock block, DataFingerprint fingerprint) {
    this.block = block;
    this.fingerprint = fingerprint;
  }

  public DataBlock block() {
    return block;
  }

  /** The fingerprint of the raw examples this partition was built from (empty when generated). */
  public DataFingerprint fingerprint() {
    return fingerprint;
  }

  /**
   * This partition's share of step {@code step} of epoch {@code epoch} under {@code batches}:
   * gradient, loss sum and count, in a buffer from {@link GradientBuffers} that belongs to the
   * caller until it gives it back with {@link GradientBuffers#release}. Float weights ({@code
   * mlp.train.precision=float}) compute it in single precision ({@code sgemm}, the block's share
   * summed in floats, {@link #floatGradient}), then add it into the double buffer: every value of
   * that buffer is a float, so it goes back to the driver as floats ({@link
   * sparkmlp.spark.engine.jobs.StepResult#pooledFloats}).
   */
  public synchronized GradientSum gradient(StepBatches batches, Vec weights, int epoch, int step) {
    Network net = batches.net();
    if (weights instanceof FloatVec f) {
      return floatGradient(batches, f, epoch, step).addTo(GradientBuffers.acquire(net.numParams()));
    }
    return gradient(batches, (DoubleVec) weights, epoch, step, null);
  }

  /**
   * {@link #gradient} in double, telling {@code ready} (when not null) where the final part of the
   * sum starts as the backward pass finishes each layer, the last layers' first, and 0 at the end.
   */
  public synchronized GradientSum gradient(
      StepBatches batches, DoubleVec weights, int epoch, int step, GradientReady ready) {
    Network net = batches.net();
    plan(batches, epoch);
    if (workspace == null) {
      workspace = net.newWorkspace(scratchRows(batches));
    }
    GradientSum sum = GradientBuffers.acquire(net.numParams());
    DoubleVec grad = ready == null ? null : new DoubleVec(sum.grad());
    workspace.onGradientReady(ready == null ? null : from -> ready.ready(grad, from));
    workspace.onWeightsNeeded(ready == null ? null : ready::weightsNeeded);
    try {
      BlockGradient.accumulate(net, weights.values(), block, plan, step, workspace, sum);
    } finally {
      workspace.onGradientReady(null);
      workspace.onWeightsNeeded(null);
    }
    if (ready != null) {
      ready.ready(grad, 0);
    }
    return sum;
  }

  /**
   * The float sum itself, before it is added into a double buffer: this partition's own buffer,
   * valid until its next step. For a driver in the same JVM, which adds it to its double total
   * directly (the same values: a float widens to double exactly), and for a resident task that
   * sends it as floats.
   */
  public synchronized FloatGradientSum floatGradient(
      StepBatches batches, FloatVec weights, int epoch, int step) {
    return floatGradient(batches, weights, epoch, step, null);
  }

  /** {@link #floatGradient}, telling {@code ready} as {@link #gradient} does. */
  public synchronized FloatGradientSum floatGradient(
      StepBatches batches, FloatVec weights, int epoch, int step, GradientReady ready) {
    Network net = batches.net();
    plan(batches, epoch);
    if (floatWorkspace == null) {
      floatWorkspace = net.newFloatWorkspace(scratchRows(batches));
      floatSum = new FloatGradientSum(net.numParams());
    }
    FloatVec grad = ready == null ? null : new FloatVec(floatSum.grad());
    floatWorkspace.onGradientReady(ready == null ? null : from -> ready.ready(grad, from));
    floatWorkspace.onWeightsNeeded(ready == null ? null : ready::weightsNeeded);
    try {
      BlockGradient.accumulate(
          net, weights.values(), block, plan, step, floatWorkspace, floatSum.reset());
    } finally {
      floatWorkspace.onGradientReady(null);
      floatWorkspace.onWeightsNeeded(null);
    }
    if (ready != null) {
      ready.ready(grad, 0);
    }
    return floatSum;
  }

  /**
   * Gathers this partition's members of the step after step {@code step} of epoch {@code epoch}
   * into the float workspace, ahead of that step's {@link #floatGradient}, which then skips its own
   * gather: for a resident task, between handing a step's sum over and the next step's weights
   * arriving. After an epoch's last step that is the next epoch's first, its plan made now, if
   * {@code intoNextEpoch} (a task asked for another step instead plans and gathers that one
   * itself). Does nothing before the epoch's first float step.
   */
  public synchronized void gatherAfter(
      StepBatches batches, int epoch, int step, boolean intoNextEpoch) {
    if (floatWorkspace == null || planEpoch != epoch) {
      return;
    }
    int next = step + 1;
    if (next >= plan.numSteps()) {
      if (!intoNextEpoch) {
        return;
      }
      plan(batches, epoch + 1);
      next = 0;
    }
    BlockGradient.gatherAhead(block, plan, next, floatWorkspace);
  }

  private int scratchRows(StepBatches batches) {
    return Math.max(1, Math.min(block.size(), 2 * batches.batchSize()));
  }

  private void plan(StepBatches batches, int epoch) {
    if (plan == null || planEpoch != epoch) {
      plan = BatchPlan.of(block, batches.numTrain(), batches.batchSize(), batches.seed(), epoch);
      planEpoch = epoch;
    }
  }
}

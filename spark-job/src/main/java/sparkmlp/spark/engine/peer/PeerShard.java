package sparkmlp.spark.engine.peer;

import java.io.IOException;
import java.util.function.IntConsumer;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.core.train.FloatGradientSum;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.UpdateRule;
import sparkmlp.spark.data.GradientBuffers;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.StepBatches;
import sparkmlp.spark.engine.link.StepWire;

/**
 * What one peer task holds for an epoch and does on the driver's commands: the whole weight vector
 * in the step's precision (to compute its partition's sum), and for its chunk of each layer ({@link
 * LayerShards}) the double master weights and that chunk of the optimiser's state, which only it
 * updates, with the same {@link UpdateRule} the driver's loop uses (per element, so updating chunk
 * by chunk gives the bits of an update of the whole vector; the chunks' step counts advance
 * together).
 */
final class PeerShard {
  private final StepBatches batches;
  private final UpdateRule rule;
  private final LayerShards shards;
  private final int rank;
  private final Vec weights;
  private final double[][] master;
  private OptimizerState[] states;
  private int bad = -1;
  private double badValue;

  PeerShard(StepBatches batches, UpdateRule rule, LayerShards shards, int rank, boolean floats) {
    this.batches = batches;
    this.rule = rule;
    this.shards = shards;
    this.rank = rank;
    this.weights = Vec.zeros(shards.numParams(), floats);
    this.master = new double[shards.layers()][];
    for (int l = 0; l < shards.layers(); l++) {
      master[l] = new double[shards.length(l, rank)];
    }
  }

  /** Whether this shard serves a stage cut into these shards, computing in floats or not. */
  boolean fits(LayerShards shards, boolean floats) {
    return this.shards.equals(shards) && (weights instanceof FloatVec) == floats;
  }

  /** The optimiser's step count of the state it holds, or -1 before the driver sent one. */
  long steps() {
    return states == null ? -1 : states[0].steps();
  }

  /** {@link DriverCopy#fingerprint} of the state it holds (0 before the driver sent one). */
  long fingerprint() {
    if (states == null) {
      return 0;
    }
    Fingerprint f = new Fingerprint(steps());
    for (double[] m : master) {
      f.mix(m, 0, m.length);
    }
    for (int s = 0; s < states[0].numSlots(); s++) {
      for (OptimizerState state : states) {
        f.mix(state.slot(s), 0, state.slot(s).length);
      }
    }
    return f.value();
  }

  /** Serves the driver's commands until the end of the epoch; {@code atStep} sees each step. */
  void serve(StepWire driver, PeerMesh mesh, PartitionData data, IntConsumer atStep)
      throws IOException {
    while (true) {
      int command = driver.readInt();
      switch (command) {
        case PeerWire.LOAD -> load(driver);
        case PeerWire.KEEP -> {
          // the driver's copy is the state this shard kept from the last epoch
        }
        case PeerWire.STEP -> {
          int epoch = driver.readInt();
          int step = driver.readInt();
          double rate = driver.readDouble();
          atStep.accept(step);
          step(driver, mesh, data, epoch, step, rate);
        }
        case PeerWire.GATHER -> {
          mesh.settle();
          gather(driver);
        }
        case PeerWire.END -> {
          // the weights are whole before the shard is kept for the next epoch
          mesh.settle();
          return;
        }
        default -> throw new IOException("unknown command " + command + " from the driver");
      }
    }
  }

  private void load(StepWire driver) throws IOException {
    long steps = driver.readLong();
    int numSlots = driver.readInt();
    double[] full;
    if (weights instanceof DoubleVec d) {
      full = d.values();
      driver.readDoubles(full);
    } else {
      full = new double[shards.numParams()];
      driver.readDoubles(full);
      float[] f = ((FloatVec) weights).values();
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) full[i];
      }
    }
    for (int l = 0; l < shards.layers(); l++) {
      System.arraycopy(full, shards.from(l, rank), master[l], 0, master[l].length);
    }
    double[][][] slots = new double[shards.layers()][numSlots][];
    for (int s = 0; s < numSlots; s++) {
      for (int l = 0; l < shards.layers(); l++) {
        slots[l][s] = new double[master[l].length];
        driver.readDoubles(slots[l][s]);
      }
    }
    states = new OptimizerState[shards.layers()];
    for (int l = 0; l < shards.layers(); l++) {
      states[l] = new OptimizerState(steps, slots[l]);
    }
  }

  private void step(
      StepWire driver, PeerMesh mesh, PartitionData data, int epoch, int step, double rate)
      throws IOException {
    if (states == null) {
      throw new IOException("a step before the driver sent the weights");
    }
    bad = -1;
    PeerMesh.ShardUpdate update = (sums, loss, count, weight) -> update(sums, loss, weight, rate);
    StepExchange.Computed mine;
    if (weights instanceof FloatVec f) {
      mine =
          mesh.exchange(
              ready -> {
                FloatGradientSum s = data.floatGradient(batches, f, epoch, step, ready);
                return new StepExchange.Computed(
                    new FloatVec(s.grad()), s.lossSum(), s.count(), s.weight());
              },
              weights,
              update);
    } else {
      GradientSum[] held = new GradientSum[1];
      try {
        mine =
            mesh.exchange(
                ready -> {
                  held[0] = data.gradient(batches, (DoubleVec) weights, epoch, step, ready);
                  GradientSum s = held[0];
                  return new StepExchange.Computed(
                      new DoubleVec(s.grad()), s.lossSum(), s.count(), s.weight());
                },
                weights,
                update);
      } finally {
        if (held[0] != null) {
          GradientBuffers.release(held[0]);
        }
      }
    }
    // at once after the update: the other tasks' chunks of the new weights are still arriving
    driver.writeDouble(mine.loss());
    driver.writeLong(mine.count());
    driver.writeDouble(mine.weight());
    driver.writeInt(bad);
    driver.writeDouble(badValue);
    driver.flush();
  }

  /**
   * The owner's update: as the driver's loop, none when the step's loss is not finite (the run
   * fails) or its examples weigh nothing. {@code bad} is the lowest index it left non-finite.
   */
  private void update(double[][] sums, double loss, double weight, double rate) {
    for (int l = 0; l < shards.layers(); l++) {
      int from = shards.from(l, rank);
      if (Double.isFinite(loss) && weight > 0) {
        int i = rule.apply(master[l], sums[l], from, weight, states[l], rate);
        if (i >= 0 && bad < 0) {
          bad = from + i;
          badValue = master[l][i];
        }
      }
      if (weights instanceof FloatVec f) {
        float[] w = f.values();
        for (int i = 0; i < master[l].length; i++) {
          w[from + i] = (float) master[l][i];
        }
      } else {
        System.arraycopy(master[l], 0, ((DoubleVec) weights).values(), from, master[l].length);
      }
    }
  }

  private void gather(StepWire driver) throws IOException {
    driver.writeLong(steps());
    for (double[] m : master) {
      driver.writeDoubles(m);
    }
    for (int s = 0; s < states[0].numSlots(); s++) {
      for (OptimizerState state : states) {
        driver.writeDoubles(state.slot(s));
      }
    }
    driver.flush();
  }
}

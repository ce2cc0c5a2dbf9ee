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
 * in the step's precision (to compute its partition's sum), the double master weights of its own
 * slice and that slice of the optimiser's state (which only it updates, with the same {@link
 * UpdateRule} the driver's loop uses, so the weights are those of an update of the whole vector).
 */
final class PeerShard {
  private final StepBatches batches;
  private final UpdateRule rule;
  private final Slices slices;
  private final int rank;
  private final Vec weights;
  private final double[] master;
  private OptimizerState state;
  private int bad = -1;
  private double badValue;

  PeerShard(StepBatches batches, UpdateRule rule, Slices slices, int rank, boolean floats) {
    this.batches = batches;
    this.rule = rule;
    this.slices = slices;
    this.rank = rank;
    this.weights = Vec.zeros(slices.numParams(), floats);
    this.master = new double[slices.length(rank)];
  }

  /** Whether this shard serves a stage cut into these slices, computing in floats or not. */
  boolean fits(Slices slices, boolean floats) {
    return this.slices.equals(slices) && (weights instanceof FloatVec) == floats;
  }

  /** The optimiser's step count of the state it holds, or -1 before the driver sent one. */
  long steps() {
    return state == null ? -1 : state.steps();
  }

  /** {@link DriverCopy#fingerprint} of the state it holds (0 before the driver sent one). */
  long fingerprint() {
    return state == null ? 0 : DriverCopy.fingerprint(master, 0, master.length, state, 0);
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
        case PeerWire.GATHER -> gather(driver);
        case PeerWire.END -> {
          return;
        }
        default -> throw new IOException("unknown command " + command + " from the driver");
      }
    }
  }

  private void load(StepWire driver) throws IOException {
    long steps = driver.readLong();
    int numSlots = driver.readInt();
    int from = slices.from(rank);
    if (weights instanceof DoubleVec d) {
      driver.readDoubles(d.values());
      System.arraycopy(d.values(), from, master, 0, master.length);
    } else {
      float[] f = ((FloatVec) weights).values();
      double[] full = new double[f.length];
      driver.readDoubles(full);
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) full[i];
      }
      System.arraycopy(full, from, master, 0, master.length);
    }
    double[][] slots = new double[numSlots][master.length];
    for (double[] slot : slots) {
      driver.readDoubles(slot);
    }
    state = new OptimizerState(steps, slots);
  }

  private void step(
      StepWire driver, PeerMesh mesh, PartitionData data, int epoch, int step, double rate)
      throws IOException {
    if (state == null) {
      throw new IOException("a step before the driver sent the weights");
    }
    bad = -1;
    PeerMesh.SliceUpdate update = (sum, loss, count, weight) -> update(sum, loss, weight, rate);
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
    double loss = mine.loss();
    long count = mine.count();
    double weight = mine.weight();
    driver.writeDouble(loss);
    driver.writeLong(count);
    driver.writeDouble(weight);
    driver.writeInt(bad);
    driver.writeDouble(badValue);
    driver.flush();
  }

  /**
   * The owner's update: as the driver's loop, none when the step's loss is not finite (the run
   * fails) or its examples weigh nothing.
   */
  private void update(double[] sum, double loss, double weight, double rate) {
    int from = slices.from(rank);
    if (Double.isFinite(loss) && weight > 0) {
      int i = rule.apply(master, sum, from, weight, state, rate);
      if (i >= 0) {
        bad = from + i;
        badValue = master[i];
      }
    }
    if (weights instanceof FloatVec f) {
      float[] w = f.values();
      for (int i = 0; i < master.length; i++) {
        w[from + i] = (float) master[i];
      }
    } else {
      System.arraycopy(master, 0, ((DoubleVec) weights).values(), from, master.length);
    }
  }

  private void gather(StepWire driver) throws IOException {
    driver.writeLong(state.steps());
    driver.writeDoubles(master);
    for (int s = 0; s < state.numSlots(); s++) {
      driver.writeDoubles(state.slot(s));
    }
    driver.flush();
  }
}

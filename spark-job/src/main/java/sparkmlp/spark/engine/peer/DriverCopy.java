package sparkmlp.spark.engine.peer;

import java.io.IOException;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.spark.engine.link.StepWire;
import sparkmlp.spark.engine.link.TaskLinks;

/**
 * The driver's copy of the peer tasks' state: the weights and optimiser state as of step {@link
 * #step()} of the running epoch (the next step to run from them). Sent to a stage attempt's tasks
 * when they join ({@link #load}); refreshed from the tasks every {@code mlp.train.peer.sync-steps}
 * steps and at the epoch's end ({@link #gather}), into a second buffer first, so a gather that
 * fails part-way leaves the copy as it was.
 */
final class DriverCopy {
  private final LayerShards shards;
  private double[] params;
  private OptimizerState state;
  private double[] spareParams;
  private OptimizerState spareState;
  private int step;

  DriverCopy(LayerShards shards) {
    this.shards = shards;
  }

  /** Takes these weights and state as the copy at {@code step} (copied). */
  void set(double[] params, OptimizerState state, int step) {
    this.params = params.clone();
    this.state = state.copy();
    this.spareParams = params.clone();
    this.spareState = state.copy();
    this.step = step;
  }

  /** The step the copy is at: steps before it in the epoch are in it. */
  int step() {
    return step;
  }

  /** Copies the weights and state into the loop's. */
  void copyTo(double[] into, OptimizerState intoState) {
    System.arraycopy(params, 0, into, 0, params.length);
    intoState.copyFrom(state);
  }

  /** What a task kept from the last epoch: its optimiser step count and {@link #fingerprint}. */
  record Kept(long steps, long fingerprint) {}

  /**
   * Sends every task that did not keep this copy's state (by {@code kept}, in partition order) the
   * whole weight vector and its chunks of each optimiser slot (slot by slot, layer by layer); tells
   * the others to keep theirs. Returns how many it sent the weights.
   */
  int load(TaskLinks<PeerLink> tasks, Kept[] kept) throws IOException {
    int loads = 0;
    for (int p = 0; p < tasks.size(); p++) {
      StepWire w = tasks.link(p).wire();
      if (kept[p].steps() == state.steps() && kept[p].fingerprint() == fingerprint(p)) {
        w.writeInt(PeerWire.KEEP);
        w.flush();
        continue;
      }
      loads++;
      w.writeInt(PeerWire.LOAD);
      w.writeLong(state.steps());
      w.writeInt(state.numSlots());
      w.writeDoubles(params);
      for (int s = 0; s < state.numSlots(); s++) {
        for (int l = 0; l < shards.layers(); l++) {
          w.writeDoubles(state.slot(s), shards.from(l, p), shards.length(l, p));
        }
      }
      w.flush();
    }
    return loads;
  }

  /**
   * The {@link Fingerprint} of task p's shards of the copy: its chunk of each layer's weights, then
   * of each optimiser slot, as {@link PeerShard#fingerprint} mixes them.
   */
  long fingerprint(int p) {
    Fingerprint f = new Fingerprint(state.steps());
    for (int l = 0; l < shards.layers(); l++) {
      f.mix(params, shards.from(l, p), shards.length(l, p));
    }
    for (int s = 0; s < state.numSlots(); s++) {
      for (int l = 0; l < shards.layers(); l++) {
        f.mix(state.slot(s), shards.from(l, p), shards.length(l, p));
      }
    }
    return f.value();
  }

  /** Asks every task for its chunks; the copy is then at {@code step}. */
  void gather(TaskLinks<PeerLink> tasks, int step) throws IOException {
    for (int p = 0; p < tasks.size(); p++) {
      StepWire w = tasks.link(p).wire();
      w.writeInt(PeerWire.GATHER);
      w.flush();
    }
    long steps = -1;
    double[][] slots = new double[spareState.numSlots()][];
    for (int s = 0; s < slots.length; s++) {
      slots[s] = spareState.slot(s);
    }
    for (int p = 0; p < tasks.size(); p++) {
      StepWire w = tasks.link(p).wire();
      long taskSteps = w.readLong();
      if (p > 0 && taskSteps != steps) {
        throw new IllegalStateException(
            "peer tasks disagree on the optimiser's step count: " + steps + " and " + taskSteps);
      }
      steps = taskSteps;
      for (int l = 0; l < shards.layers(); l++) {
        w.readDoubles(spareParams, shards.from(l, p), shards.length(l, p));
      }
      for (double[] slot : slots) {
        for (int l = 0; l < shards.layers(); l++) {
          w.readDoubles(slot, shards.from(l, p), shards.length(l, p));
        }
      }
    }
    OptimizerState gathered = new OptimizerState(steps, slots);
    double[] old = params;
    params = spareParams;
    spareParams = old;
    spareState = state;
    state = gathered;
    this.step = step;
  }
}

package sparkmlp.spark.engine.peer;

/** The commands of the peer engine's driver to its tasks (the first int of each message). */
final class PeerWire {
  private PeerWire() {}

  /** Compute, reduce-scatter, update and all-gather a step: epoch, step, learning rate follow. */
  static final int STEP = 1;

  /** The epoch's steps are done: return. */
  static final int END = 2;

  /**
   * Start from this state: the optimiser's step count and slot count, the whole weight vector
   * (doubles), then the task's slice of each slot.
   */
  static final int LOAD = 3;

  /** Send the task's slice of the weights and of each optimiser slot, after its step count. */
  static final int GATHER = 4;
}

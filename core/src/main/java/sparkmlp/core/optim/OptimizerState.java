package sparkmlp.core.optim;

import java.util.Arrays;

/**
 * The mutable part of an optimiser: its step count and its per-parameter slots (velocity, first and
 * second moments). Saved in checkpoints and restored exactly.
 */
public final class OptimizerState {
  private long steps;
  private final double[][] slots;

  public OptimizerState(long steps, double[][] slots) {
    this.steps = steps;
    this.slots = slots;
  }

  /** Updates applied so far. */
  public long steps() {
    return steps;
  }

  void advance() {
    steps++;
  }

  public int numSlots() {
    return slots.length;
  }

  /** Slot i (shared, not copied). */
  public double[] slot(int i) {
    return slots[i];
  }

  /** Takes {@code other}'s step count and values (the same shape). */
  public void copyFrom(OptimizerState other) {
    if (other.slots.length != slots.length) {
      throw new IllegalArgumentException(
          "optimizer state has " + other.slots.length + " slots, expected " + slots.length);
    }
    steps = other.steps;
    for (int i = 0; i < slots.length; i++) {
      System.arraycopy(other.slots[i], 0, slots[i], 0, slots[i].length);
    }
  }

  public OptimizerState copy() {
    double[][] s = new double[slots.length][];
    for (int i = 0; i < slots.length; i++) {
      s[i] = slots[i].clone();
    }
    return new OptimizerState(steps, s);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OptimizerState s && s.steps == steps && Arrays.deepEquals(s.slots, slots);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(steps) * 31 + Arrays.deepHashCode(slots);
  }
}

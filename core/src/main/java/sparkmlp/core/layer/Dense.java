package sparkmlp.core.layer;

import java.util.Objects;
import sparkmlp.core.activation.Activation;

/**
 * A fully connected layer: {@code units} outputs, each f(w·x + b). Its weights are W (units ×
 * fan-in, column-major) followed by b, in the flat vector.
 */
public record Dense(int units, Activation activation) implements Layer {
  /**
   * Largest width a layer may have; model files with larger fields are rejected before allocating.
   */
  public static final int MAX_UNITS = 1 << 20;

  public Dense {
    Objects.requireNonNull(activation, "activation");
    if (units < 1 || units > MAX_UNITS) {
      throw new IllegalArgumentException(
          "a dense layer needs between 1 and " + MAX_UNITS + " units, found " + units);
    }
  }

  /** Keras-style spelling: {@code Dense.of(64, Activation.RELU)}. */
  public static Dense of(int units, Activation activation) {
    return new Dense(units, activation);
  }

  @Override
  public int outputSize(int inputSize) {
    return units;
  }

  @Override
  public long numWeights(int inputSize) {
    return (long) units * inputSize + units;
  }
}

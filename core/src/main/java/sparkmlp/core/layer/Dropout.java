package sparkmlp.core.layer;

/**
 * Inverted dropout with Keras's semantics: while training, each input is zeroed with probability
 * {@code rate} and the survivors are scaled by 1 / (1 − rate); at inference it passes its input
 * through. Which inputs are zeroed follows from (seed, epoch, the example's global rank, layer)
 * alone ({@link DropoutKey}), never from partitioning, so retries and any number of partitions see
 * the same masks.
 */
public record Dropout(double rate) implements Layer {
  public Dropout {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("a dropout rate must be in [0, 1), found " + rate);
    }
  }

  /** Keras-style spelling: {@code Dropout.of(0.2)}. */
  public static Dropout of(double rate) {
    return new Dropout(rate);
  }

  @Override
  public int outputSize(int inputSize) {
    return inputSize;
  }

  @Override
  public long numWeights(int inputSize) {
    return 0;
  }
}

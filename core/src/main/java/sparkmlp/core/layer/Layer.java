package sparkmlp.core.layer;

/**
 * A layer's topology as a user writes it, {@code Dense.of(64, RELU)} or {@code Dropout.of(0.2)}:
 * how many outputs it gives for its inputs and how many weights it takes from the network's one
 * flat parameter vector. No weights live here; the network makes each layer's stateless {@code
 * LayerModel} over its slice of a parameter vector when a pass runs (as in Spark's {@code
 * ml.ann.Layer}).
 */
public sealed interface Layer extends java.io.Serializable permits Dense, Dropout {
  /** Outputs for {@code inputSize} inputs. */
  int outputSize(int inputSize);

  /** Values this layer takes from the flat parameter vector for {@code inputSize} inputs. */
  long numWeights(int inputSize);
}

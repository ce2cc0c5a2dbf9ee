package sparkmlp.core.train;

import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.Precision;
import sparkmlp.core.layer.Network;
import sparkmlp.core.task.Task;

/**
 * The single-process reference trainer: the same {@link TrainingLoop} and batch rule as the Spark
 * job, with all training data in one block. What the distributed trainer must match.
 */
public final class Trainer {
  private final Network net;
  private final Task task;
  private final int classes;
  private final TrainingConfig config;
  private final Precision precision;

  /** {@code classes}: number of classes for classification tasks (ignored otherwise). */
  public Trainer(Network net, Task task, int classes, TrainingConfig config) {
    this(net, task, classes, config, Precision.DOUBLE);
  }

  /** The same, computing step gradients in {@code precision} (weights and optimiser in double). */
  public Trainer(Network net, Task task, int classes, TrainingConfig config, Precision precision) {
    this.net = net;
    this.task = task;
    this.classes = classes;
    this.config = config;
    this.precision = java.util.Objects.requireNonNull(precision, "precision");
  }

  /** Trains from the initial weights; {@code validation} may be null. */
  public TrainingState fit(
      double[] initialParams, DataBlock train, DataBlock validation, TrainingListener listener) {
    checkBlock(train, "training");
    if (validation != null) {
      checkBlock(validation, "validation");
    }
    TrainingLoop loop = new TrainingLoop(net, config, train.size());
    return loop.run(
        loop.newState(initialParams),
        new LocalGradientSource(net, task, classes, config, train, validation, precision),
        listener);
  }

  private void checkBlock(DataBlock b, String what) {
    if (b.size() == 0) {
      throw new IllegalArgumentException(
          "expected at least one " + what + " example, found an empty set");
    }
    if (b.numFeatures() != net.inputSize()) {
      throw new IllegalArgumentException(
          what
              + " data has "
              + b.numFeatures()
              + " features, the network expects "
              + net.inputSize());
    }
    if (b.targetRows() != net.targetRows()) {
      throw new IllegalArgumentException(
          what
              + " data has "
              + b.targetRows()
              + " target rows, the network expects "
              + net.targetRows());
    }
  }
}

package sparkmlp.core.task;

import java.util.Locale;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.format.Ids;
import sparkmlp.core.loss.Loss;

/** What the network predicts, which fixes its output layer, loss and target encoding. */
public enum Task {
  /** One of k ≥ 2 classes: k softmax outputs, softmax cross-entropy, target = class index. */
  MULTICLASS(Activation.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY),
  /** Two classes: one sigmoid output (probability of the second class), binary cross-entropy. */
  BINARY(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY),
  /** Several independent yes/no labels: one sigmoid output each, binary cross-entropy. */
  MULTILABEL(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY),
  /** Real-valued targets: identity output (ReLU for non-negative targets), squared error. */
  REGRESSION(Activation.IDENTITY, Loss.MSE);

  private final Activation defaultOutput;
  private final Loss loss;

  Task(Activation defaultOutput, Loss loss) {
    this.defaultOutput = defaultOutput;
    this.loss = loss;
  }

  public Activation defaultOutput() {
    return defaultOutput;
  }

  public Loss loss() {
    return loss;
  }

  /**
   * Sigmoid outputs at or above this count as yes: the second class (binary), a label that is on
   * (multilabel).
   */
  public static final double THRESHOLD = 0.5;

  /** Whether a sigmoid output {@code p} counts as yes (at least {@link #THRESHOLD}). */
  public static boolean isPositive(double p) {
    return p >= THRESHOLD;
  }

  /** True for the tasks whose outputs are classes (accuracy, confusion matrix). */
  public boolean isClassification() {
    return this == MULTICLASS || this == BINARY;
  }

  /** Output units for k classes (classification) or k target columns. */
  public int outputUnits(int k) {
    return this == BINARY ? 1 : k;
  }

  /** Checks an output activation against the task, naming both when they do not fit. */
  public void checkOutput(Activation output) {
    boolean ok =
        switch (this) {
          case MULTICLASS -> output == Activation.SOFTMAX;
          case BINARY, MULTILABEL -> output == Activation.SIGMOID;
          case REGRESSION -> output == Activation.IDENTITY || output == Activation.RELU;
        };
    if (!ok) {
      throw new IllegalArgumentException(
          "task "
              + id()
              + " cannot use a "
              + output.id()
              + " output; expected "
              + (this == REGRESSION ? "identity or relu" : defaultOutput.id()));
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Task fromId(String id) {
    Task t = Ids.find(values(), Task::id, id);
    if (t == null) {
      throw new IllegalArgumentException(
          "unknown task '" + id + "'; expected " + Ids.alternatives(values(), Task::id));
    }
    return t;
  }
}

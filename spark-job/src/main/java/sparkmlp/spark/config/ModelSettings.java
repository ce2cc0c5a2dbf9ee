package sparkmlp.spark.config;

import java.util.List;
import java.util.Objects;

/**
 * The network to build ({@code mlp.model}).
 *
 * @param task what the network predicts; picks the loss and the default output
 * @param hiddenLayers units of each hidden layer, input side first; may be empty
 * @param hiddenActivation activation of every hidden layer
 * @param outputActivation output activation; {@link OutputActivation#AUTO} follows the task
 * @param initializer weight initialiser; {@link Initializer#AUTO} follows the activation
 * @param normalization feature scaling fitted on the training set
 */
public record ModelSettings(
    Task task,
    List<Integer> hiddenLayers,
    Activation hiddenActivation,
    OutputActivation outputActivation,
    Initializer initializer,
    Normalization normalization) {

  /** Copies the layer list and rejects missing values. */
  public ModelSettings {
    Objects.requireNonNull(task, "task");
    hiddenLayers = List.copyOf(hiddenLayers);
    Objects.requireNonNull(hiddenActivation, "hiddenActivation");
    Objects.requireNonNull(outputActivation, "outputActivation");
    Objects.requireNonNull(initializer, "initializer");
    Objects.requireNonNull(normalization, "normalization");
  }

  /** The learning task. */
  public enum Task implements ConfigEnum {
    MULTICLASS("multiclass"),
    BINARY("binary"),
    MULTILABEL("multilabel"),
    REGRESSION("regression");

    private final String configName;

    Task(String configName) {
      this.configName = configName;
    }

    @Override
    public String configName() {
      return configName;
    }
  }

  /** Activation of the hidden layers. */
  public enum Activation implements ConfigEnum {
    RELU("relu"),
    SIGMOID("sigmoid"),
    TANH("tanh"),
    IDENTITY("identity");

    private final String configName;

    Activation(String configName) {
      this.configName = configName;
    }

    @Override
    public String configName() {
      return configName;
    }
  }

  /**
   * Activation of the output layer; {@code auto}: softmax (multiclass), sigmoid (binary,
   * multilabel), identity (regression).
   */
  public enum OutputActivation implements ConfigEnum {
    AUTO("auto"),
    SOFTMAX("softmax"),
    SIGMOID("sigmoid"),
    IDENTITY("identity"),
    RELU("relu");

    private final String configName;

    OutputActivation(String configName) {
      this.configName = configName;
    }

    @Override
    public String configName() {
      return configName;
    }
  }

  /** Weight initialiser; {@code auto}: He normal for ReLU layers, Glorot uniform otherwise. */
  public enum Initializer implements ConfigEnum {
    AUTO("auto"),
    GLOROT_UNIFORM("glorot-uniform"),
    HE_NORMAL("he-normal");

    private final String configName;

    Initializer(String configName) {
      this.configName = configName;
    }

    @Override
    public String configName() {
      return configName;
    }
  }

  /** Feature scaling: zero mean and unit variance, onto [0, 1], or none. */
  public enum Normalization implements ConfigEnum {
    STANDARD("standard"),
    MINMAX("minmax"),
    NONE("none");

    private final String configName;

    Normalization(String configName) {
      this.configName = configName;
    }

    @Override
    public String configName() {
      return configName;
    }
  }
}

package sparkmlp.spark.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.task.Task;

/**
 * The network to build ({@code mlp.model}).
 *
 * @param task what the network predicts; picks the loss and the default output
 * @param hiddenLayers units of each hidden layer, input side first; may be empty
 * @param dropout dropout rate after each hidden layer (empty: none), as many as hidden layers
 * @param hiddenActivation activation of every hidden layer
 * @param outputActivation output activation; empty ({@code auto}) follows the task
 * @param initializer weight initialiser; empty ({@code auto}) follows the activation
 * @param normalization feature scaling fitted on the training set
 */
public record ModelSettings(
    Task task,
    List<Integer> hiddenLayers,
    List<Double> dropout,
    Activation hiddenActivation,
    Optional<Activation> outputActivation,
    Optional<Initializer> initializer,
    Normalizer.Kind normalization) {

  /** Copies the layer list and rejects missing values. */
  public ModelSettings {
    Objects.requireNonNull(task, "task");
    hiddenLayers = List.copyOf(hiddenLayers);
    dropout = List.copyOf(dropout);
    if (!dropout.isEmpty() && dropout.size() != hiddenLayers.size()) {
      throw new InvalidConfigException(
          "config key 'mlp.model.dropout': expected one rate per hidden layer ("
              + hiddenLayers.size()
              + ") or none, found "
              + dropout.size());
    }
    Objects.requireNonNull(hiddenActivation, "hiddenActivation");
    Objects.requireNonNull(outputActivation, "outputActivation");
    Objects.requireNonNull(initializer, "initializer");
    Objects.requireNonNull(normalization, "normalization");
  }
}

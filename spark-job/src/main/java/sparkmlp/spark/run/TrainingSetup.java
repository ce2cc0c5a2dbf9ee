package sparkmlp.spark.run;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Dropout;
import sparkmlp.core.layer.Layer;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.EarlyStopping;
import sparkmlp.core.train.Monitor;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.spark.config.DataSettings;
import sparkmlp.spark.config.EarlyStoppingSettings;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.ModelSettings;
import sparkmlp.spark.config.TrainSettings;

/**
 * Turns validated settings into core's objects: the network, the training configuration, the
 * initialiser.
 */
public final class TrainingSetup {
  private static final String MONITOR_KEY = "mlp.train.early-stopping.monitor";

  private TrainingSetup() {}

  /** The network for {@code inputs} features and the encoder's outputs. */
  public static Network network(ModelSettings m, int inputs, LabelEncoder encoder) {
    Task task = m.task();
    Activation output = m.outputActivation().orElse(task.defaultOutput());
    try {
      task.checkOutput(output);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          "config key 'mlp.model.output-activation': " + e.getMessage());
    }
    List<Layer> layers = new ArrayList<>();
    for (int l = 0; l < m.hiddenLayers().size(); l++) {
      layers.add(new Dense(m.hiddenLayers().get(l), m.hiddenActivation()));
      if (!m.dropout().isEmpty() && m.dropout().get(l) > 0) {
        layers.add(new Dropout(m.dropout().get(l)));
      }
    }
    layers.add(new Dense(encoder.outputUnits(), output));
    return new Network(inputs, layers, task.loss());
  }

  /** The label encoding a trained model implies. */
  public static LabelEncoder encoder(Model model) {
    return model.task().isClassification()
        ? LabelEncoder.forClasses(model.task(), model.labelNames())
        : LabelEncoder.forColumns(model.task(), model.labelNames());
  }

  public static Initializer initializer(ModelSettings m, Network net) {
    return m.initializer().orElseGet(() -> Initializer.defaultFor(net));
  }

  public static TrainingConfig trainingConfig(TrainSettings t) {
    EarlyStoppingSettings es = t.earlyStopping();
    EarlyStopping early =
        es.enabled()
            ? new EarlyStopping(es.monitor(), es.patience(), es.minDelta(), es.restoreBest())
            : null;
    return new TrainingConfig(
        t.epochs(),
        t.batchSize(),
        t.seed(),
        t.optimizer().name().create(t.optimizer()),
        t.optimizer().learningRate(),
        t.schedule().type().create(t.schedule()),
        t.optimizer().weightDecay(),
        early);
  }

  /**
   * Rejects an early-stopping monitor that the task does not produce, or that needs validation data
   * the config does not give; runs before any data is read.
   */
  public static void checkEarlyStopping(TrainSettings t, Task task, DataSettings d) {
    EarlyStoppingSettings es = t.earlyStopping();
    Monitor monitor = es.monitor();
    if (!es.enabled()) {
      return;
    }
    if (!monitor.appliesTo(task)) {
      String usable =
          Stream.of(Monitor.values())
              .filter(m -> m.appliesTo(task))
              .map(Monitor::id)
              .collect(Collectors.joining(", "));
      throw new InvalidConfigException(
          "config key '"
              + MONITOR_KEY
              + "' is "
              + monitor.id()
              + ", which a "
              + task.id()
              + " model does not have; expected one of "
              + usable);
    }
    if (monitor.needsValidation() && d.validation() == null && d.validationSplit() == 0) {
      throw missingValidation(monitor);
    }
  }

  /** The error for a monitor that needs validation data when there is none. */
  static InvalidConfigException missingValidation(Monitor monitor) {
    return new InvalidConfigException(
        "config key '"
            + MONITOR_KEY
            + "' is "
            + monitor.id()
            + ", which needs validation data: set mlp.data.validation or "
            + "mlp.data.validation-split");
  }
}

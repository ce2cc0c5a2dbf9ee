package sparkmlp.spark.train;

import java.util.ArrayList;
import java.util.List;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.optim.LearningRateSchedule;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.EarlyStopping;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.spark.config.EarlyStoppingSettings;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.ModelSettings;
import sparkmlp.spark.config.OptimizerSettings;
import sparkmlp.spark.config.ScheduleSettings;
import sparkmlp.spark.config.TrainSettings;

/**
 * Turns validated settings into core's objects: the network, the training configuration, the
 * initialiser.
 */
public final class TrainingSetup {
  private TrainingSetup() {}

  public static Task task(ModelSettings m) {
    return Task.fromId(m.task().configName());
  }

  /** The network for {@code inputs} features and the encoder's outputs. */
  public static Network network(ModelSettings m, int inputs, LabelEncoder encoder) {
    Task task = task(m);
    Activation hidden = Activation.fromId(m.hiddenActivation().configName());
    String out = m.outputActivation().configName();
    Activation output = out.equals("auto") ? task.defaultOutput() : Activation.fromId(out);
    try {
      task.checkOutput(output);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          "config key 'mlp.model.output-activation': " + e.getMessage());
    }
    List<Dense> layers = new ArrayList<>();
    for (int units : m.hiddenLayers()) {
      layers.add(new Dense(units, hidden));
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
    String id = m.initializer().configName();
    return id.equals("auto") ? Initializer.defaultFor(net) : Initializer.fromId(id);
  }

  public static Optimizer optimizer(OptimizerSettings o) {
    return switch (o.name().configName()) {
      case "sgd" -> Optimizer.sgd();
      case "momentum" -> Optimizer.momentum(o.momentum(), o.nesterov());
      default -> Optimizer.adam(o.beta1(), o.beta2(), o.epsilon());
    };
  }

  public static LearningRateSchedule schedule(ScheduleSettings s) {
    return switch (s.type().configName()) {
      case "step" -> LearningRateSchedule.stepDecay(s.stepEpochs(), s.gamma());
      case "exponential" -> LearningRateSchedule.exponential(s.gamma());
      default -> LearningRateSchedule.constant();
    };
  }

  public static TrainingConfig trainingConfig(TrainSettings t) {
    EarlyStoppingSettings es = t.earlyStopping();
    EarlyStopping early =
        es.enabled()
            ? new EarlyStopping(
                es.monitor().configName(), es.patience(), es.minDelta(), es.restoreBest())
            : null;
    return new TrainingConfig(
        t.epochs(),
        t.batchSize(),
        t.seed(),
        optimizer(t.optimizer()),
        t.optimizer().learningRate(),
        schedule(t.schedule()),
        t.optimizer().weightDecay(),
        early);
  }
}

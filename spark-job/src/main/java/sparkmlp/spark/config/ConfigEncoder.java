package sparkmlp.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.init.Initializer;

/**
 * Writes a {@link JobConfig} back into the HOCON tree it was read from; keys mirror {@code
 * reference.conf}.
 */
final class ConfigEncoder {

  private static final String AUTO = "auto";

  private ConfigEncoder() {}

  static Config encode(JobConfig c) {
    Map<String, Object> mlp = new LinkedHashMap<>();
    mlp.put("data", data(c.data()));
    mlp.put("model", model(c.model()));
    mlp.put("train", train(c.train()));
    mlp.put("output", map("dir", c.output().dir()));
    SparkSettings s = c.spark();
    // fromMap keeps "spark.executor.memory" as one key; ConfigFactory.parseMap would split it.
    mlp.put("spark", map("master", s.master(), "app-name", s.appName(), "conf", s.conf()));
    mlp.put("log", map("progress", c.log().progress().id()));
    return ConfigValueFactory.fromMap(Map.of("mlp", mlp)).toConfig();
  }

  private static Map<String, Object> data(DataSettings d) {
    return map(
        "format",
        d.format().id(),
        "train",
        d.train(),
        "train-labels",
        d.trainLabels(),
        "validation",
        d.validation(),
        "validation-labels",
        d.validationLabels(),
        "validation-split",
        d.validationSplit(),
        "test",
        d.test(),
        "test-labels",
        d.testLabels(),
        "label-column",
        d.labelColumn(),
        "label-columns",
        d.labelColumns(),
        "feature-columns",
        d.featureColumns(),
        "features-column",
        d.featuresColumn(),
        "num-features",
        d.numFeatures(),
        "class-names",
        d.classNames(),
        "partitions",
        d.partitions(),
        "storage",
        d.storage().id());
  }

  private static Map<String, Object> model(ModelSettings m) {
    return map(
        "task",
        m.task().id(),
        "hidden-layers",
        m.hiddenLayers(),
        "hidden-activation",
        m.hiddenActivation().id(),
        "output-activation",
        m.outputActivation().map(Activation::id).orElse(AUTO),
        "initializer",
        m.initializer().map(Initializer::id).orElse(AUTO),
        "normalization",
        m.normalization().id());
  }

  private static Map<String, Object> train(TrainSettings t) {
    OptimizerSettings o = t.optimizer();
    ScheduleSettings s = t.schedule();
    EarlyStoppingSettings e = t.earlyStopping();
    CheckpointSettings k = t.checkpoint();
    return map(
        "epochs",
        t.epochs(),
        "batch-size",
        t.batchSize(),
        "seed",
        t.seed(),
        "optimizer",
        map(
            "name",
            o.name().id(),
            "learning-rate",
            o.learningRate(),
            "momentum",
            o.momentum(),
            "nesterov",
            o.nesterov(),
            "beta1",
            o.beta1(),
            "beta2",
            o.beta2(),
            "epsilon",
            o.epsilon(),
            "weight-decay",
            o.weightDecay()),
        "schedule",
        map("type", s.type().id(), "step-epochs", s.stepEpochs(), "gamma", s.gamma()),
        "early-stopping",
        map(
            "enabled",
            e.enabled(),
            "monitor",
            e.monitor().id(),
            "patience",
            e.patience(),
            "min-delta",
            e.minDelta(),
            "restore-best",
            e.restoreBest()),
        "checkpoint",
        map(
            "every-epochs",
            k.everyEpochs(),
            "every-steps",
            k.everySteps(),
            "keep",
            k.keep(),
            "dir",
            k.dir()));
  }

  /**
   * An ordered map from alternating keys and values; values may be null (rendered as HOCON null).
   */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}

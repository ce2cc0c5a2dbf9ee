package sparkmlp.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.task.Task;

/**
 * A trained network: topology, weights, the normalisation fitted on its training data, the names of
 * its features and labels, and a JSON summary of how it was trained. Immutable; weights are copied
 * in and out.
 *
 * <p>{@link java.io.Serializable} only because {@code mlp predict} scores inside a Spark task whose
 * closure holds the model: Java serialisation is Spark's task wire format here, never a stored
 * file. Files are {@link ModelFile}.
 *
 * @param features what the network reads: its features' names, normalisation and profile
 * @param labelNames class names for classification (binary: [negative, positive]), else target
 *     column names
 * @param trainingJson a JSON object describing the training run ("{}" when unknown)
 */
public record Model(
    Network network,
    Task task,
    double[] params,
    Features features,
    List<String> labelNames,
    String trainingJson)
    implements java.io.Serializable {

  /**
   * A model's inputs: the normalisation fitted on its training data, the names of its features, and
   * statistics of the training data for drift checks.
   *
   * @param profile the feature profile, or null when not recorded
   */
  public record Features(Normalizer normalizer, List<String> names, FeatureProfile profile)
      implements java.io.Serializable {
    public Features {
      Objects.requireNonNull(normalizer, "normalizer");
      names = List.copyOf(names);
      if (profile != null && !profile.names().equals(names)) {
        throw new IllegalArgumentException(
            "the feature profile covers "
                + profile.names()
                + ", the model's features are "
                + names);
      }
    }
  }

  public Model {
    checkShapes(network, task, features.normalizer(), features.names(), labelNames);
    if (params.length != network.numParams()) {
      throw new IllegalArgumentException(
          "network "
              + network
              + " needs "
              + network.numParams()
              + " parameters, found "
              + params.length);
    }
    params = params.clone();
    labelNames = List.copyOf(labelNames);
    trainingJson = canonicalJson(trainingJson);
  }

  /** The normalisation fitted on the training data. */
  public Normalizer normalizer() {
    return features.normalizer();
  }

  /** The features' names, in the network's input order. */
  public List<String> featureNames() {
    return features.names();
  }

  /** Statistics of the training data for drift checks, or null when not recorded. */
  public FeatureProfile profile() {
    return features.profile();
  }

  /** Checks that a model's parts fit together (everything but the weights). */
  public static void checkShapes(
      Network network,
      Task task,
      Normalizer normalizer,
      List<String> featureNames,
      List<String> labelNames) {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(task, "task");
    task.checkOutput(network.outputActivation());
    if (network.loss() != task.loss()) {
      throw new IllegalArgumentException(
          "task "
              + task.id()
              + " trains with "
              + task.loss().id()
              + ", found "
              + network.loss().id());
    }
    if (normalizer.numFeatures() != network.inputSize()) {
      throw new IllegalArgumentException(
          "normalizer covers "
              + normalizer.numFeatures()
              + " features, the network takes "
              + network.inputSize());
    }
    if (featureNames.size() != network.inputSize()) {
      throw new IllegalArgumentException(
          "expected " + network.inputSize() + " feature names, found " + featureNames.size());
    }
    int expectedLabels =
        task.isClassification()
            ? (task == Task.BINARY ? 2 : network.outputSize())
            : network.outputSize();
    if (labelNames.size() != expectedLabels) {
      throw new IllegalArgumentException(
          "task "
              + task.id()
              + " with "
              + network.outputSize()
              + " outputs needs "
              + expectedLabels
              + " label names, found "
              + labelNames.size());
    }
  }

  /**
   * The summary in Jackson's compact form, which is also what a model file stores, so that a saved
   * and reloaded model equals the original whatever spacing the summary was given with.
   */
  private static String canonicalJson(String json) {
    if (json == null) {
      return "{}";
    }
    try {
      return Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "training summary is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A copy of the weights. */
  @Override
  public double[] params() {
    return params.clone();
  }

  /** The same model with other weights or another training summary. */
  public Model with(double[] newParams, String newTrainingJson) {
    return new Model(network, task, newParams, features, labelNames, newTrainingJson);
  }

  /** The same model with this feature profile (null: none). */
  public Model withProfile(FeatureProfile newProfile) {
    return new Model(
        network,
        task,
        params,
        new Features(features.normalizer(), features.names(), newProfile),
        labelNames,
        trainingJson);
  }

  public int numFeatures() {
    return network.inputSize();
  }

  /**
   * Network outputs for raw (unnormalised) feature rows: class probabilities for multiclass, the
   * positive class's probability for binary, per-label probabilities for multilabel, predictions
   * for regression.
   */
  public double[][] predict(double[][] rows) {
    int n0 = network.inputSize();
    int k = network.outputSize();
    double[][] out = new double[rows.length][];
    Workspace ws = Evaluator.workspace(network, rows.length);
    double[] x = new double[n0 * Evaluator.BATCH_SIZE];
    for (int start = 0; start < rows.length; start += Evaluator.BATCH_SIZE) {
      int count = Math.min(Evaluator.BATCH_SIZE, rows.length - start);
      for (int i = 0; i < count; i++) {
        double[] r = rows[start + i];
        if (r.length != n0) {
          throw new IllegalArgumentException(
              "row " + (start + i) + ": expected " + n0 + " features, found " + r.length);
        }
        for (int j = 0; j < n0; j++) {
          if (!Double.isFinite(r[j])) {
            throw new IllegalArgumentException(
                "row "
                    + (start + i)
                    + ", feature '"
                    + featureNames().get(j)
                    + "': expected a finite number, found "
                    + r[j]);
          }
        }
        System.arraycopy(r, 0, x, i * n0, n0);
      }
      features.normalizer().apply(x, 0, count);
      double[] o = network.forward(params, x, 0, count, ws);
      for (int i = 0; i < count; i++) {
        out[start + i] = Arrays.copyOfRange(o, i * k, (i + 1) * k);
      }
    }
    return out;
  }

  /** The predicted class index of one output column (classification tasks). */
  public int classOf(double[] output) {
    if (task == Task.BINARY) {
      return Task.isPositive(output[0]) ? 1 : 0;
    }
    int best = 0;
    for (int i = 1; i < output.length; i++) {
      if (output[i] > output[best]) {
        best = i;
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Model m
        && m.network.equals(network)
        && m.task == task
        && Arrays.equals(m.params, params)
        && m.features.equals(features)
        && m.labelNames.equals(labelNames)
        && m.trainingJson.equals(trainingJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        network, task, Arrays.hashCode(params), normalizer(), featureNames(), labelNames);
  }

  @Override
  public String toString() {
    return "Model[" + task.id() + ", " + network + ", " + params.length + " parameters]";
  }
}

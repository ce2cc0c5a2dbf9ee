package sparkmlp.core.onnx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;

/**
 * Models with seeded random weights over the bundled data sets ({@code datasets/<name>/train.csv}
 * then {@code test.csv}, the column {@code label} left out), and batches of their rows.
 */
final class OnnxFixtures {
  /** Feature names and rows of one data set, train rows first. */
  record Data(List<String> featureNames, double[][] rows) {
    /** {@code n} rows, cycling through the data set when it has fewer. */
    double[][] batch(int n) {
      double[][] b = new double[n][];
      for (int i = 0; i < n; i++) {
        b[i] = rows[i % rows.length].clone();
      }
      return b;
    }
  }

  private OnnxFixtures() {}

  static Data load(String name) {
    Path dir = repoRoot().resolve("datasets").resolve(name);
    List<String> features = null;
    List<double[]> rows = new ArrayList<>();
    for (String file : List.of("train.csv", "test.csv")) {
      List<String> lines;
      try {
        lines = Files.readAllLines(dir.resolve(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<String> header = Arrays.asList(lines.get(0).split(",", -1));
      int label = header.indexOf("label");
      if (features == null) {
        features = new ArrayList<>(header);
        features.remove(label);
      }
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        double[] x = new double[cells.length - 1];
        for (int c = 0, j = 0; c < cells.length; c++) {
          if (c != label) {
            x[j++] = Double.parseDouble(cells[c].strip());
          }
        }
        rows.add(x);
      }
    }
    return new Data(features, rows.toArray(new double[0][]));
  }

  /**
   * A model for {@code data}: one hidden layer of 16 and one of 8 units with {@code hidden}, the
   * task's output layer of {@code outputs} units (1 for binary) with {@code output}, weights
   * uniform in ±√(6 / (fan-in + units)) from {@code seed}, a normaliser of {@code kind} fitted on
   * the data.
   */
  static Model model(
      Data data,
      Task task,
      int outputs,
      Activation hidden,
      Activation output,
      Normalizer.Kind kind,
      long seed) {
    int n0 = data.featureNames().size();
    Network net =
        Network.of(
            n0,
            task.loss(),
            Dense.of(16, hidden),
            Dense.of(8, hidden),
            Dense.of(task.outputUnits(outputs), output));
    double[] p = new double[net.numParams()];
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int l = 0; l < net.numLayers(); l++) {
      int units = net.layer(l).units();
      double limit = Math.sqrt(6.0 / (net.fanIn(l) + units));
      for (int i = net.weightOffset(l); i < net.biasOffset(l) + units; i++) {
        p[i] = rnd.nextDouble(-limit, limit);
      }
    }
    FeatureStats stats = new FeatureStats(n0);
    for (double[] r : data.rows()) {
      stats.add(r, 0);
    }
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < outputs; k++) {
      labels.add((task == Task.REGRESSION ? "target_" : "class_") + k);
    }
    return new Model(
        net,
        task,
        p,
        new Model.Features(Normalizer.fit(kind, stats), data.featureNames(), null),
        labels,
        "{\"fixture\":\"seeded random weights\",\"seed\":" + seed + "}");
  }

  private static Path repoRoot() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("datasets")) ? here : here.getParent();
  }
}

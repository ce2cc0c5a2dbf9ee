package sparkmlp.spark.cli;

import java.util.List;
import java.util.SplittableRandom;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.spark.TestData;

/** Untrained models with seeded weights, for commands that only need a model file. */
final class TestModels {
  static final List<String> IRIS_FEATURES =
      List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm");

  private TestModels() {}

  /** Iris-shaped 4-8(tanh)-3(softmax), weights uniform in ±1 from seed 15, round normaliser. */
  static Model iris() {
    Network net =
        Network.of(
            4,
            Task.MULTICLASS.loss(),
            Dense.of(8, Activation.TANH),
            Dense.of(3, Activation.SOFTMAX));
    double[] p = new double[net.numParams()];
    SplittableRandom rnd = new SplittableRandom(15);
    for (int i = 0; i < p.length; i++) {
      p[i] = rnd.nextDouble(-1, 1);
    }
    return new Model(
        net,
        Task.MULTICLASS,
        p,
        new Model.Features(
            new Normalizer(
                Normalizer.Kind.STANDARD,
                new double[] {5.8, 3.0, 3.75, 1.2},
                new double[] {1.25, 2.0, 0.5, 1.25}),
            IRIS_FEATURES,
            null),
        List.of("setosa", "versicolor", "virginica"),
        "{}");
  }

  /** The feature rows of {@code datasets/iris/test.csv}. */
  static double[][] irisTestRows() {
    List<String[]> rows = TestData.rows(TestData.dataset("iris", "test.csv"));
    double[][] x = new double[rows.size()][4];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = Double.parseDouble(rows.get(i)[j]);
      }
    }
    return x;
  }
}

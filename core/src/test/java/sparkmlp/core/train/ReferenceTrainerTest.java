package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.DataBlocks;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.task.Task;

/** The single-process trainer learns the two small UCI sets to at least 95% test accuracy. */
class ReferenceTrainerTest {

  @Test
  void irisReachesNinetyFivePercentTestAccuracy() {
    CsvDatasets.Split data = CsvDatasets.load("iris", "iris.csv", Task.MULTICLASS, 42);
    assumeTrue(data != null, "iris data not found");
    assertEquals(List.of("setosa", "versicolor", "virginica"), data.classes());
    Network net =
        Network.of(
            4,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(16, Activation.TANH),
            Dense.of(3, Activation.SOFTMAX));
    TrainingConfig c =
        new TrainingConfigBuilder()
            .setEpochs(100)
            .setBatchSize(16)
            .optSeed(7)
            .setOptimizer(Optimizer.adam(0.9, 0.999, 1e-8), 0.01)
            .build();
    TrainingState s =
        new Trainer(net, Task.MULTICLASS, 3, c)
            .fit(
                Initializer.GLOROT_UNIFORM.initialise(net, 7),
                data.train(),
                null,
                TrainingListener.NONE);
    assertEquals(100, s.history.size());
    Evaluation test = Evaluator.evaluate(net, Task.MULTICLASS, 3, s.params, data.test());
    assertTrue(
        test.accuracy() >= 0.95,
        data.source()
            + ": test accuracy "
            + test.accuracy()
            + ", confusion "
            + java.util.Arrays.deepToString(test.classification().confusion()));
    assertTrue(
        s.history.get(99).loss() < 0.25 * s.history.get(0).loss(), s.history.get(99).toString());
  }

  @Test
  void breastCancerReachesNinetyFivePercentTestAccuracy() {
    CsvDatasets.Split data =
        CsvDatasets.load("breast-cancer", "breast_cancer.csv", Task.BINARY, 42);
    assumeTrue(data != null, "breast cancer data not found");
    assertEquals(List.of("benign", "malignant"), data.classes());
    Network net =
        Network.of(
            30,
            Loss.BINARY_CROSS_ENTROPY,
            Dense.of(32, Activation.RELU),
            Dense.of(1, Activation.SIGMOID));
    TrainingConfig c =
        new TrainingConfigBuilder()
            .setEpochs(60)
            .setBatchSize(32)
            .optSeed(7)
            .setOptimizer(Optimizer.adam(0.9, 0.999, 1e-8), 0.001)
            .build();
    double[] init = Initializer.defaultFor(net).initialise(net, 7);
    assertEquals(Initializer.HE_NORMAL, Initializer.defaultFor(net));
    TrainingState s =
        new Trainer(net, Task.BINARY, 2, c)
            .fit(init, data.train(), data.test(), TrainingListener.NONE);
    Evaluation test = Evaluator.evaluate(net, Task.BINARY, 2, s.params, data.test());
    assertTrue(
        test.accuracy() >= 0.95,
        data.source()
            + ": test accuracy "
            + test.accuracy()
            + ", confusion "
            + java.util.Arrays.deepToString(test.classification().confusion()));
    // the last epoch's validation figures are the test set's at the final weights
    assertEquals(test.accuracy(), s.history.get(59).valAccuracy(), 0);
    assertEquals(test.loss(), s.history.get(59).valLoss(), 0);
  }

  @Test
  void irisFromTheUciFileWithAStratifiedSplitAlsoReachesNinetyFivePercent() {
    CsvDatasets.Split data = CsvDatasets.load(null, "iris.csv", Task.MULTICLASS, 42);
    assumeTrue(data != null, "../shared/data/uci/iris.csv not found");
    assertEquals(120, data.train().size());
    assertEquals(30, data.test().size());
    int[] perClass = new int[3];
    for (int i = 0; i < 30; i++) {
      perClass[(int) data.test().target(i, 0)]++;
    }
    assertEquals("[10, 10, 10]", java.util.Arrays.toString(perClass));
    Network net =
        Network.of(
            4,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(16, Activation.TANH),
            Dense.of(3, Activation.SOFTMAX));
    TrainingConfig c =
        new TrainingConfigBuilder()
            .setEpochs(100)
            .setBatchSize(16)
            .optSeed(7)
            .setOptimizer(Optimizer.adam(0.9, 0.999, 1e-8), 0.01)
            .build();
    TrainingState s =
        new Trainer(net, Task.MULTICLASS, 3, c)
            .fit(
                Initializer.GLOROT_UNIFORM.initialise(net, 7),
                data.train(),
                null,
                TrainingListener.NONE);
    Evaluation test = Evaluator.evaluate(net, Task.MULTICLASS, 3, s.params, data.test());
    assertTrue(test.accuracy() >= 0.95, data.source() + ": test accuracy " + test.accuracy());
  }

  @Test
  void mismatchedDataIsRejected() {
    Network net = Network.of(2, Loss.SOFTMAX_CROSS_ENTROPY, Dense.of(3, Activation.SOFTMAX));
    Trainer t = new Trainer(net, Task.MULTICLASS, 3, new TrainingConfigBuilder().build());
    DataBlock threeFeatures = DataBlocks.fromRows(new double[][] {{1, 2, 3}}, new double[][] {{0}});
    assertEquals(
        "training data has 3 features, the network expects 2",
        assertThrows(
                IllegalArgumentException.class,
                () -> t.fit(new double[9], threeFeatures, null, TrainingListener.NONE))
            .getMessage());
    DataBlock twoTargets = DataBlocks.fromRows(new double[][] {{1, 2}}, new double[][] {{0, 1}});
    assertEquals(
        "validation data has 2 target rows, the network expects 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    t.fit(
                        new double[9],
                        DataBlocks.fromRows(new double[][] {{1, 2}}, new double[][] {{0}}),
                        twoTargets,
                        TrainingListener.NONE))
            .getMessage());
    assertEquals(
        "expected 9 initial parameters, found 8",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    t.fit(
                        new double[8],
                        DataBlocks.fromRows(new double[][] {{1, 2}}, new double[][] {{0}}),
                        null,
                        TrainingListener.NONE))
            .getMessage());
  }
}

package sparkmlp.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Precision;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.task.Task;

/** Mixed-precision training (float steps, double weights) learns digits as well as double does. */
class FloatTrainingTest {

  private static double accuracy(Precision precision, CsvDatasets.Split data) {
    Network net =
        Network.of(
            64,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(64, Activation.RELU),
            Dense.of(10, Activation.SOFTMAX));
    TrainingConfig c =
        new TrainingConfigBuilder()
            .setEpochs(15)
            .setBatchSize(32)
            .optSeed(7)
            .setOptimizer(Optimizer.adam(0.9, 0.999, 1e-8), 0.003)
            .build();
    TrainingState s =
        new Trainer(net, Task.MULTICLASS, 10, c, precision)
            .fit(
                Initializer.defaultFor(net).initialise(net, 7),
                data.train(),
                null,
                TrainingListener.NONE);
    assertEquals(15, s.history.size());
    Evaluation test = Evaluator.evaluate(net, Task.MULTICLASS, 10, s.params, data.test());
    return test.accuracy();
  }

  @Test
  void floatRunTrainsDigitsToNinetyFivePercentLikeTheDoubleRun() {
    CsvDatasets.Split data = CsvDatasets.load("digits", "digits.csv", Task.MULTICLASS, 42);
    assumeTrue(data != null, "digits data not found");
    double f = accuracy(Precision.FLOAT, data);
    double d = accuracy(Precision.DOUBLE, data);
    assertTrue(f >= 0.95, "float test accuracy " + f);
    assertTrue(Math.abs(f - d) <= 0.01, "float " + f + " against double " + d);
  }

  @Test
  void precisionIdsParse() {
    assertEquals(Precision.FLOAT, Precision.fromId(" Float "));
    assertEquals("double", Precision.DOUBLE.id());
    assertEquals(
        "unknown precision 'half'; expected double or float",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Precision.fromId("half"))
            .getMessage());
  }
}

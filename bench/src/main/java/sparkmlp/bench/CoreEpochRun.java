package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import sparkmlp.core.data.BatchPlan;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.Trainer;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingState;

/**
 * One epoch of core's single-process {@link Trainer} (one thread) from the job's initial weights,
 * with the test set as validation as in the Spark run: the reference a Spark epoch is compared
 * with.
 *
 * @param epochSeconds the epoch's seconds from the history (steps and validation)
 * @param validationSeconds a separate timing of the validation pass, so steps alone can be compared
 *     too
 */
record CoreEpochRun(
    int batch, int steps, double epochSeconds, double validationSeconds, double testAccuracy) {

  double stepsSeconds() {
    return epochSeconds - validationSeconds;
  }

  static CoreEpochRun run(LocalData data, Progress progress) {
    TrainingConfig tc = data.training();
    TrainingConfig one =
        new TrainingConfig(
            1,
            tc.batchSize(),
            tc.seed(),
            tc.optimizer(),
            tc.learningRate(),
            tc.schedule(),
            tc.weightDecay(),
            null);
    Trainer trainer = new Trainer(data.network(), data.task(), data.classes(), one);
    TrainingState state =
        trainer.fit(data.initialParams(), data.train(), data.test(), TrainingListener.NONE);
    EpochMetrics m = state.history.get(0);
    long started = System.nanoTime();
    Evaluation e =
        Evaluator.evaluate(data.network(), data.task(), data.classes(), state.params, data.test());
    double validation = (System.nanoTime() - started) / 1e9;
    int steps = BatchPlan.numSteps(data.train().size(), tc.batchSize());
    progress.line(
        "  core Trainer, 1 thread: epoch %.2f s (validation %.2f s), %d steps, test accuracy %.4f",
        m.seconds(), validation, steps, e.accuracy());
    return new CoreEpochRun(tc.batchSize(), steps, m.seconds(), validation, m.valAccuracy());
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("batch", batch);
    n.put("steps", steps);
    n.put("epoch_seconds", epochSeconds);
    n.put("validation_seconds", validationSeconds);
    n.put("steps_seconds", stepsSeconds());
    n.put("test_accuracy_after_1_epoch", testAccuracy);
    return n;
  }
}

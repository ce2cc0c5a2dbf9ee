package sparkmlp.spark.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.layer.Network;
import sparkmlp.core.linalg.Blas;
import sparkmlp.core.model.Model;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.CheckpointFile;
import sparkmlp.core.train.TrainingConfig;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingLoop;
import sparkmlp.core.train.TrainingState;
import sparkmlp.core.train.Validator;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.PreparedData;
import sparkmlp.spark.engine.StepEngine;
import sparkmlp.spark.eval.EvaluationJob;
import sparkmlp.spark.report.ConsoleReporter;

/**
 * The training part of a run, the same for {@code mlp train} ({@link TrainJob}) and the Spark ML
 * stages: what it prints first, the step engine chosen once ({@link StepExecution}), each epoch's
 * validation ({@link EvaluationJob}), core's training loop, and what happens to the engine after
 * (closed when training ends well, only abandoned when it fails).
 */
public final class TrainingRun {
  /** What training left: the final state, and the engine's Spark jobs and summary fields. */
  public record Trained(TrainingState state, long stepJobs, ObjectNode execution, double seconds) {}

  /**
   * A run ready to train: the network, the prepared data (with its label encoding), core's loop,
   * the state it starts from, and the model its checkpoints and result are written with.
   */
  public record Ready(
      Network net, PreparedData data, TrainingLoop loop, TrainingState state, Model skeleton) {}

  private final JavaSparkContext jsc;
  private final JobConfig config;
  private final TrainingConfig tc;
  private final PrintStream out;

  /** Runs as {@code config} says ({@code tc}: core's view of it), printing on {@code out}. */
  public TrainingRun(JavaSparkContext jsc, JobConfig config, TrainingConfig tc, PrintStream out) {
    this.jsc = jsc;
    this.config = config;
    this.tc = tc;
    this.out = out;
  }

  /**
   * Prints what the run trains, and readies core's loop with the state {@code start} gives (after
   * its checks: a checkpoint of another optimiser is refused here).
   */
  public Ready begin(StartPoint start, Network net, PreparedData data) {
    printStart(net, data);
    TrainingLoop loop = new TrainingLoop(net, tc, data.numTrain());
    TrainingState state =
        start.initialState(
            loop, net, tc.optimizer(), TrainingSetup.initializer(config.model(), net), tc.seed());
    Model skeleton = skeleton(net, config.model().task(), state.params, data, data.encoder());
    return new Ready(net, data, loop, state, skeleton);
  }

  /** The network, its BLAS, and the data as cached. */
  private void printStart(Network net, PreparedData data) {
    int nf = data.featureNames().size();
    out.printf(
        Locale.ROOT,
        "network %s, %,d parameters; BLAS: %s%n",
        net,
        net.numParams(),
        Blas.implementation());
    out.printf(
        Locale.ROOT,
        "training on %,d examples (%,d for validation) in %d partitions; cached %s = %.3f x 8 B "
            + "per feature value%n",
        data.numTrain(),
        data.numValidation(),
        data.partitions(),
        ConsoleReporter.bytes(data.cachedBytes()),
        data.cachedBytes() / (8.0 * nf * data.numTrain()));
  }

  /**
   * Trains the ready state with its loop on its data until it finishes or stops early, then says so
   * if it stopped early.
   */
  public Trained train(Ready ready, TrainingListener listener) {
    Network net = ready.net();
    PreparedData data = ready.data();
    TrainingLoop loop = ready.loop();
    TrainingState state = ready.state();
    StepExecution.Chosen chosen =
        StepExecution.choose(jsc, config.train(), net, data, tc, loop.stepsPerEpoch());
    StepEngine engine = chosen.engine();
    EvaluationJob evaluation =
        new EvaluationJob(jsc, net, config.model().task(), classes(data.encoder()));
    long started = System.nanoTime();
    // Closed (its last broadcast destroyed) only after training ends well: a failure (divergence, a
    // lost stage) ends the command, which stops Spark at once, and a destroy's removal requests
    // still waiting for their replies then print a stack on stderr (see EvaluationJob). Spark's
    // ContextCleaner removes the unreachable broadcast where the session lives on. A failed run
    // only abandons the engine: resident barrier tasks still wait on the driver's socket.
    try {
      Validator validator = engine.validator(evaluation.validator(data), evaluation.blockMetrics());
      loop.run(state, engine, validator, listener);
    } catch (RuntimeException e) {
      engine.abandon();
      throw e;
    }
    engine.close();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (state.stopped) {
      out.printf(
          Locale.ROOT,
          "early stopping after epoch %d; best epoch %d%n",
          state.history.size(),
          state.bestEpoch);
    }
    return new Trained(state, engine.jobs(), chosen.toJson(), seconds);
  }

  /**
   * The run's {@code summary.json}, as every run writes it; gathers the executors' BLAS first (one
   * Spark job over the cached training data, so call it before releasing the data).
   */
  public ObjectNode summary(Ready ready, RunSummary.Outcome outcome, RunSummary.Timings timings) {
    SparkEnvironment environment = SparkEnvironment.gather(jsc, ready.data().train());
    return new RunSummary(config, ready.net(), ready.data(), outcome, timings, environment)
        .toJson();
  }

  /**
   * The model the run's checkpoints and its result are written with: the network, the data's
   * normalisation, feature and class names, and (until it ends) the run's current weights.
   */
  public static Model skeleton(
      Network net, Task task, double[] params, PreparedData data, LabelEncoder encoder) {
    return new Model(
        net,
        task,
        params,
        new Model.Features(data.normalizer(), data.featureNames(), null),
        encoder.names(),
        "{}");
  }

  /**
   * Whether a checkpoint's optimiser state fits {@code optimizer}: the same id and as many moment
   * slots. A checkpoint that does not is refused before training.
   */
  public static boolean fits(CheckpointFile.Checkpoint checkpoint, Optimizer optimizer) {
    return checkpoint.optimizerId().equals(optimizer.id())
        && checkpoint.state().optimizer.numSlots() == optimizer.newState(0).numSlots();
  }

  /** Classes of a classification task's labels, 0 otherwise. */
  static int classes(LabelEncoder encoder) {
    return encoder.task().isClassification() ? encoder.names().size() : 0;
  }
}

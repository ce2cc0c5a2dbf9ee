package sparkmlp.ml;

import java.io.Serializable;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import sparkmlp.spark.config.ConfigChoices;

/**
 * The {@code Param} objects of one stage (each stage owns its own, as Spark requires). The names
 * and meanings follow MLlib where MLlib has the setting (MLPC's {@code layers}, {@code maxIter},
 * {@code stepSize}, {@code solver}, …) and the CLI's {@code reference.conf} otherwise.
 */
final class MlpParamSet implements Serializable {
  private static final long serialVersionUID = 1L;

  // The words each enumerated param accepts: the config's, derived from core's enums.
  static final String[] SOLVERS = ConfigChoices.optimizers();
  static final String[] ACTIVATIONS = ConfigChoices.hiddenActivations();
  static final String[] SCHEDULES = ConfigChoices.schedules();
  static final String[] NORMALIZATIONS = ConfigChoices.normalizations();

  // Set once, by the constructor's define methods; not final only because Java's definite
  // assignment does not follow calls into private methods.
  Param<String> featuresCol;
  Param<String> labelCol;
  Param<String> predictionCol;
  Param<String> probabilityCol;
  Param<String> rawPredictionCol;
  Param<String> weightCol;
  Param<String> validationIndicatorCol;
  LongParam seed;
  IntArrayParam layers;
  IntArrayParam hiddenLayers;
  Param<String> activation;
  Param<String> solver;
  DoubleParam stepSize;
  IntParam maxIter;
  IntParam batchSize;
  IntParam blockSize;
  DoubleParam tol;
  IntParam patience;
  DoubleParam weightDecay;
  Param<String> schedule;
  IntParam scheduleStepEpochs;
  DoubleParam scheduleGamma;
  IntParam scheduleWarmupSteps;
  DoubleParam scheduleMinFraction;
  DoubleParam schedulePctStart;
  DoubleParam scheduleDivFactor;
  DoubleParam scheduleFinalDivFactor;
  Param<String> normalization;
  Param<String> checkpointDir;
  Param<Vector> initialWeights;
  Param<String> initialModel;
  BooleanParam verbose;

  MlpParamSet(Params owner) {
    defineColumns(owner);
    defineNetwork(owner);
    defineTraining(owner);
    defineEarlyStopping(owner);
    defineSchedule(owner);
    defineStart(owner);
  }

  /** The input and output columns. */
  private void defineColumns(Params owner) {
    featuresCol = new Param<>(owner, "featuresCol", "features column name (a Vector column)");
    labelCol =
        new Param<>(
            owner,
            "labelCol",
            "label column name: a class index in [0, k) (classifier) or a number (regressor)");
    predictionCol =
        new Param<>(
            owner, "predictionCol", "prediction column name (a double: class index or value)");
    probabilityCol =
        new Param<>(owner, "probabilityCol", "column name for class probabilities (a Vector)");
    rawPredictionCol =
        new Param<>(
            owner,
            "rawPredictionCol",
            "raw prediction column name: per-class log-probabilities (the logits up to a per-row"
                + " constant), a Vector");
    weightCol =
        new Param<>(
            owner,
            "weightCol",
            "weight column name (numbers >= 0); when set, each batch's gradient is the"
                + " weight-scaled sum divided by the batch's weight total (validation metrics stay"
                + " unweighted); unset or empty = all weights 1");
    validationIndicatorCol =
        new Param<>(
            owner,
            "validationIndicatorCol",
            "name of a boolean column: rows marked true are the validation set (early stopping,"
                + " val_loss per epoch), the others are trained on; unset = no validation set");
  }

  /** The network: its layers, activation and feature scaling. */
  private void defineNetwork(Params owner) {
    layers =
        new IntArrayParam(
            owner,
            "layers",
            "MLPC-style sizes of all layers, input first and output last, e.g. [64, 32, 10]; when"
                + " set it overrides hiddenLayers and is checked against the data");
    hiddenLayers =
        new IntArrayParam(
            owner, "hiddenLayers", "units of each hidden layer, input side first; each >= 1");
    activation =
        new Param<>(
            owner,
            "activation",
            "activation of every hidden layer: " + String.join(" | ", ACTIVATIONS),
            ParamValidators.<String>inArray(ACTIVATIONS));
    normalization =
        new Param<>(
            owner,
            "normalization",
            "feature scaling fitted on the training rows and kept in the model: "
                + String.join(" | ", NORMALIZATIONS),
            ParamValidators.<String>inArray(NORMALIZATIONS));
  }

  /** The optimiser and the passes over the data. */
  private void defineTraining(Params owner) {
    seed = new LongParam(owner, "seed", "seed of initial weights and shuffling (any 64-bit value)");
    solver =
        new Param<>(
            owner,
            "solver",
            "optimiser: "
                + String.join(" | ", SOLVERS)
                + " (mini-batch); MLPC's l-bfgs and gd are not offered",
            ParamValidators.<String>inArray(SOLVERS));
    stepSize =
        new DoubleParam(
            owner, "stepSize", "base learning rate (> 0)", ParamValidators.<Object>gt(0));
    maxIter =
        new IntParam(
            owner,
            "maxIter",
            "epochs: passes over the training data (>= 1); default 100, as MLPC's maxIter",
            ParamValidators.<Object>gtEq(1));
    batchSize =
        new IntParam(
            owner,
            "batchSize",
            "examples per mini-batch across the whole cluster (>= 1)",
            ParamValidators.<Object>gtEq(1));
    blockSize =
        new IntParam(
            owner,
            "blockSize",
            "rows stacked into one matrix product when scoring in transform (>= 1); accepted for"
                + " MLPC compatibility, it does not change training (batchSize does)",
            ParamValidators.<Object>gtEq(1));
    weightDecay =
        new DoubleParam(
            owner,
            "weightDecay",
            "L2 weight decay coefficient (>= 0)",
            ParamValidators.<Object>gtEq(0));
  }

  /** Early stopping. */
  private void defineEarlyStopping(Params owner) {
    tol =
        new DoubleParam(
            owner,
            "tol",
            "early stopping: smallest improvement of the monitored loss that counts (>= 0)",
            ParamValidators.<Object>gtEq(0));
    patience =
        new IntParam(
            owner,
            "patience",
            "early stopping: epochs without an improvement of more than tol before stopping; it"
                + " monitors the validation loss when validationIndicatorCol is set, else the"
                + " training loss; 0 = off",
            ParamValidators.<Object>gtEq(0));
  }

  /** The learning-rate schedule. */
  private void defineSchedule(Params owner) {
    schedule =
        new Param<>(
            owner,
            "schedule",
            "learning-rate schedule, stepped per batch: "
                + String.join(" | ", SCHEDULES)
                + "; step: times scheduleGamma every scheduleStepEpochs; exponential: times"
                + " scheduleGamma every epoch; cosine: down to scheduleMinFraction of stepSize;"
                + " one-cycle: PyTorch's OneCycleLR with stepSize as the peak",
            ParamValidators.<String>inArray(SCHEDULES));
    scheduleStepEpochs =
        new IntParam(
            owner,
            "scheduleStepEpochs",
            "step schedule: epochs between decays (>= 1)",
            ParamValidators.<Object>gtEq(1));
    scheduleGamma =
        new DoubleParam(
            owner,
            "scheduleGamma",
            "decay factor of the step and exponential schedules, in (0, 1]",
            ParamValidators.<Object>inRange(0, 1, false, true));
    scheduleWarmupSteps =
        new IntParam(
            owner,
            "scheduleWarmupSteps",
            "steps (batches) of linear warm-up in front of the schedule, from stepSize / n up to"
                + " stepSize (>= 0; 0 = none, and 0 with one-cycle)",
            ParamValidators.<Object>gtEq(0));
    scheduleMinFraction =
        new DoubleParam(
            owner,
            "scheduleMinFraction",
            "cosine schedule: the last rate as a fraction of stepSize, in [0, 1]",
            ParamValidators.<Object>inRange(0, 1, true, true));
    schedulePctStart =
        new DoubleParam(
            owner,
            "schedulePctStart",
            "one-cycle schedule: fraction of the steps spent rising to stepSize, in (0, 1)",
            ParamValidators.<Object>inRange(0, 1, false, false));
    scheduleDivFactor =
        new DoubleParam(
            owner,
            "scheduleDivFactor",
            "one-cycle schedule: the first rate is stepSize / scheduleDivFactor (>= 1)",
            ParamValidators.<Object>gtEq(1));
    scheduleFinalDivFactor =
        new DoubleParam(
            owner,
            "scheduleFinalDivFactor",
            "one-cycle schedule: the last rate is the first / scheduleFinalDivFactor (>= 1)",
            ParamValidators.<Object>gtEq(1));
  }

  /** Where a fit starts from, where it checkpoints, and what it prints. */
  private void defineStart(Params owner) {
    checkpointDir =
        new Param<>(
            owner,
            "checkpointDir",
            "folder (any Hadoop path) for a resumable checkpoint after every epoch; fit resumes"
                + " from the newest one there, so give each run its own folder (not one shared by"
                + " the fits of a CrossValidator); unset = no checkpoints");
    initialWeights =
        new Param<>(
            owner,
            "initialWeights",
            "initial weights as one flat vector in sparkmlp's layout (unset = seeded"
                + " initialisation)");
    initialModel =
        new Param<>(
            owner,
            "initialModel",
            "path of a sparkmlp model (model.mlp or its folder) to warm-start from; its network"
                + " must match");
    verbose =
        new BooleanParam(
            owner, "verbose", "print the CLI's per-epoch progress lines to standard output");
  }
}

package sparkmlp.ml;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * Getters and setters of the params every sparkmlp stage has, in MLlib's conventions. Setters check
 * their value before anything runs and throw an {@link IllegalArgumentException} naming the param,
 * the expected and the found value. Spark finds the params through the public no-argument methods
 * returning a {@link Param} declared here.
 *
 * @param <S> the stage type setters return, for chaining
 */
public interface MlpParams<S extends MlpParams<S>> extends Params {

  /** The stage's own {@code Param} objects. */
  MlpParamSet mlpParamSet();

  /** This stage, typed for chaining. */
  S self();

  /** Sets the defaults; each stage's constructor calls it once. */
  default void setMlpDefaults() {
    MlpParamSet p = mlpParamSet();
    setDefault(p.featuresCol, "features");
    setDefault(p.labelCol, "label");
    setDefault(p.predictionCol, "prediction");
    setDefault(p.probabilityCol, "probability");
    setDefault(p.rawPredictionCol, "rawPrediction");
    setDefault(p.weightCol, "");
    setDefault(p.validationIndicatorCol, "");
    setDefault(p.seed, 42L);
    setDefault(p.hiddenLayers, new int[] {64});
    setDefault(p.activation, "relu");
    setDefault(p.solver, "adam");
    setDefault(p.stepSize, 0.001);
    setDefault(p.maxIter, 100);
    setDefault(p.batchSize, 64);
    setDefault(p.blockSize, 128);
    setDefault(p.tol, 0.0);
    setDefault(p.patience, 0);
    setDefault(p.weightDecay, 0.0);
    setDefault(p.schedule, "constant");
    setDefault(p.scheduleStepEpochs, 10);
    setDefault(p.scheduleGamma, 0.5);
    setDefault(p.normalization, "standard");
    setDefault(p.checkpointDir, "");
    setDefault(p.initialModel, "");
    setDefault(p.verbose, false);
  }

  default Param<String> featuresCol() {
    return mlpParamSet().featuresCol;
  }

  default Param<String> labelCol() {
    return mlpParamSet().labelCol;
  }

  default Param<String> predictionCol() {
    return mlpParamSet().predictionCol;
  }

  default Param<String> probabilityCol() {
    return mlpParamSet().probabilityCol;
  }

  default Param<String> rawPredictionCol() {
    return mlpParamSet().rawPredictionCol;
  }

  default Param<String> weightCol() {
    return mlpParamSet().weightCol;
  }

  default Param<String> validationIndicatorCol() {
    return mlpParamSet().validationIndicatorCol;
  }

  default LongParam seed() {
    return mlpParamSet().seed;
  }

  default IntArrayParam layers() {
    return mlpParamSet().layers;
  }

  default IntArrayParam hiddenLayers() {
    return mlpParamSet().hiddenLayers;
  }

  default Param<String> activation() {
    return mlpParamSet().activation;
  }

  default Param<String> solver() {
    return mlpParamSet().solver;
  }

  default DoubleParam stepSize() {
    return mlpParamSet().stepSize;
  }

  default IntParam maxIter() {
    return mlpParamSet().maxIter;
  }

  default IntParam batchSize() {
    return mlpParamSet().batchSize;
  }

  default IntParam blockSize() {
    return mlpParamSet().blockSize;
  }

  default DoubleParam tol() {
    return mlpParamSet().tol;
  }

  default IntParam patience() {
    return mlpParamSet().patience;
  }

  default DoubleParam weightDecay() {
    return mlpParamSet().weightDecay;
  }

  default Param<String> schedule() {
    return mlpParamSet().schedule;
  }

  default IntParam scheduleStepEpochs() {
    return mlpParamSet().scheduleStepEpochs;
  }

  default DoubleParam scheduleGamma() {
    return mlpParamSet().scheduleGamma;
  }

  default Param<String> normalization() {
    return mlpParamSet().normalization;
  }

  default Param<String> checkpointDir() {
    return mlpParamSet().checkpointDir;
  }

  default Param<Vector> initialWeights() {
    return mlpParamSet().initialWeights;
  }

  default Param<String> initialModel() {
    return mlpParamSet().initialModel;
  }

  default BooleanParam verbose() {
    return mlpParamSet().verbose;
  }

  // Getters.

  default String getFeaturesCol() {
    return getOrDefault(featuresCol());
  }

  default String getLabelCol() {
    return getOrDefault(labelCol());
  }

  default String getPredictionCol() {
    return getOrDefault(predictionCol());
  }

  default String getProbabilityCol() {
    return getOrDefault(probabilityCol());
  }

  default String getRawPredictionCol() {
    return getOrDefault(rawPredictionCol());
  }

  default String getWeightCol() {
    return getOrDefault(weightCol());
  }

  default String getValidationIndicatorCol() {
    return getOrDefault(validationIndicatorCol());
  }

  default long getSeed() {
    return (Long) getOrDefault(seed());
  }

  /** MLPC-style layer sizes, or null when unset. */
  default int[] getLayers() {
    return isDefined(layers()) ? getOrDefault(layers()) : null;
  }

  default int[] getHiddenLayers() {
    return getOrDefault(hiddenLayers());
  }

  default String getActivation() {
    return getOrDefault(activation());
  }

  default String getSolver() {
    return getOrDefault(solver());
  }

  default double getStepSize() {
    return (Double) getOrDefault(stepSize());
  }

  default int getMaxIter() {
    return (Integer) getOrDefault(maxIter());
  }

  default int getBatchSize() {
    return (Integer) getOrDefault(batchSize());
  }

  default int getBlockSize() {
    return (Integer) getOrDefault(blockSize());
  }

  default double getTol() {
    return (Double) getOrDefault(tol());
  }

  default int getPatience() {
    return (Integer) getOrDefault(patience());
  }

  default double getWeightDecay() {
    return (Double) getOrDefault(weightDecay());
  }

  default String getSchedule() {
    return getOrDefault(schedule());
  }

  default int getScheduleStepEpochs() {
    return (Integer) getOrDefault(scheduleStepEpochs());
  }

  default double getScheduleGamma() {
    return (Double) getOrDefault(scheduleGamma());
  }

  default String getNormalization() {
    return getOrDefault(normalization());
  }

  default String getCheckpointDir() {
    return getOrDefault(checkpointDir());
  }

  /** Initial weights, or null when unset. */
  default Vector getInitialWeights() {
    return isDefined(initialWeights()) ? getOrDefault(initialWeights()) : null;
  }

  default String getInitialModel() {
    return getOrDefault(initialModel());
  }

  default boolean getVerbose() {
    return (Boolean) getOrDefault(verbose());
  }

  // Setters.

  default S setFeaturesCol(String v) {
    set(featuresCol(), column("featuresCol", v));
    return self();
  }

  default S setLabelCol(String v) {
    set(labelCol(), column("labelCol", v));
    return self();
  }

  default S setPredictionCol(String v) {
    set(predictionCol(), column("predictionCol", v));
    return self();
  }

  default S setProbabilityCol(String v) {
    set(probabilityCol(), column("probabilityCol", v));
    return self();
  }

  default S setRawPredictionCol(String v) {
    set(rawPredictionCol(), column("rawPredictionCol", v));
    return self();
  }

  /** Per-example weights (non-negative numbers); empty = none. */
  default S setWeightCol(String v) {
    set(weightCol(), v == null ? "" : v);
    return self();
  }

  /** A boolean column marking validation rows; empty = none. */
  default S setValidationIndicatorCol(String v) {
    set(validationIndicatorCol(), v == null ? "" : v);
    return self();
  }

  default S setSeed(long v) {
    set(seed(), v);
    return self();
  }

  /** MLPC-style sizes: input, hidden layers…, output (number of classes or targets). */
  default S setLayers(int[] v) {
    if (v == null || v.length < 2) {
      throw new IllegalArgumentException(
          "param layers: expected at least an input and an output size, found "
              + (v == null ? "null" : Arrays.toString(v)));
    }
    positive("layers", v);
    set(layers(), v.clone());
    return self();
  }

  default S setHiddenLayers(int[] v) {
    if (v == null) {
      throw new IllegalArgumentException("param hiddenLayers: expected an array, found null");
    }
    positive("hiddenLayers", v);
    set(hiddenLayers(), v.clone());
    return self();
  }

  default S setActivation(String v) {
    set(activation(), oneOf("activation", v, MlpParamSet.ACTIVATIONS));
    return self();
  }

  /** adam, sgd or momentum; MLPC's l-bfgs and gd are refused with the alternative named. */
  default S setSolver(String v) {
    String s = v == null ? "null" : v.trim().toLowerCase(Locale.ROOT);
    if (s.equals("l-bfgs") || s.equals("gd")) {
      throw new IllegalArgumentException(
          "param solver: '"
              + v
              + "' is MLPC's full-batch solver, which sparkmlp does not offer; use adam (the"
              + " default) or sgd/momentum with a stepSize and batchSize");
    }
    set(solver(), oneOf("solver", s, MlpParamSet.SOLVERS));
    return self();
  }

  default S setStepSize(double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("param stepSize: expected a number > 0, found " + v);
    }
    set(stepSize(), v);
    return self();
  }

  /** Epochs. */
  default S setMaxIter(int v) {
    set(maxIter(), atLeast("maxIter", v, 1));
    return self();
  }

  default S setBatchSize(int v) {
    set(batchSize(), atLeast("batchSize", v, 1));
    return self();
  }

  /** Rows per matrix product in transform (MLPC's stacking block); training is unaffected. */
  default S setBlockSize(int v) {
    set(blockSize(), atLeast("blockSize", v, 1));
    return self();
  }

  default S setTol(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("param tol: expected a number >= 0, found " + v);
    }
    set(tol(), v);
    return self();
  }

  default S setPatience(int v) {
    set(patience(), atLeast("patience", v, 0));
    return self();
  }

  default S setWeightDecay(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("param weightDecay: expected a number >= 0, found " + v);
    }
    set(weightDecay(), v);
    return self();
  }

  default S setSchedule(String v) {
    set(schedule(), oneOf("schedule", v, MlpParamSet.SCHEDULES));
    return self();
  }

  default S setScheduleStepEpochs(int v) {
    set(scheduleStepEpochs(), atLeast("scheduleStepEpochs", v, 1));
    return self();
  }

  default S setScheduleGamma(double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException(
          "param scheduleGamma: expected a number in (0, 1], found " + v);
    }
    set(scheduleGamma(), v);
    return self();
  }

  default S setNormalization(String v) {
    set(normalization(), oneOf("normalization", v, MlpParamSet.NORMALIZATIONS));
    return self();
  }

  default S setCheckpointDir(String v) {
    set(checkpointDir(), v == null ? "" : v);
    return self();
  }

  default S setInitialWeights(Vector v) {
    for (int i = 0; i < v.size(); i++) {
      if (!Double.isFinite(v.apply(i))) {
        throw new IllegalArgumentException(
            "param initialWeights: expected finite numbers, found " + v.apply(i) + " at " + i);
      }
    }
    set(initialWeights(), v);
    return self();
  }

  default S setInitialModel(String v) {
    set(initialModel(), v == null ? "" : v);
    return self();
  }

  default S setVerbose(boolean v) {
    set(verbose(), v);
    return self();
  }

  private static String column(String param, String v) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(
          "param " + param + ": expected a column name, found " + (v == null ? "null" : "''"));
    }
    return v;
  }

  private static int atLeast(String param, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(
          "param " + param + ": expected an integer >= " + min + ", found " + v);
    }
    return v;
  }

  private static void positive(String param, int[] v) {
    for (int units : v) {
      if (units < 1) {
        throw new IllegalArgumentException(
            "param " + param + ": expected sizes >= 1, found " + Arrays.toString(v));
      }
    }
  }

  private static String oneOf(String param, String v, String[] allowed) {
    String s = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
    if (!Arrays.asList(allowed).contains(s)) {
      throw new IllegalArgumentException(
          "param "
              + param
              + ": expected one of "
              + String.join(", ", allowed)
              + ", found '"
              + v
              + "'");
    }
    return s;
  }
}

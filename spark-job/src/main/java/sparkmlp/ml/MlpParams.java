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
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.ScheduleSettings;
import sparkmlp.spark.config.TrainSettings;

/**
 * Getters and setters of the params every sparkmlp stage has, in MLlib's conventions; the column
 * params are in {@link ColumnParams}, the schedule's in {@link ScheduleParams}. Setters check their
 * value before anything runs and throw an {@link IllegalArgumentException} naming the param, the
 * expected and the found value. Spark finds the params through the public no-argument methods
 * returning a {@link Param} declared here and there.
 *
 * @param <S> the stage type setters return, for chaining
 */
public interface MlpParams<S extends MlpParams<S>> extends ColumnParams<S>, ScheduleParams<S> {

  /** The stage's own {@code Param} objects. */
  @Override
  MlpParamSet mlpParamSet();

  /** This stage, typed for chaining. */
  @Override
  S self();

  /**
   * Sets the defaults; each stage's constructor calls it once. A setting {@code mlp train} also has
   * takes its default from {@code reference.conf}; only MLlib's own ones (the output columns,
   * {@code maxIter} 100 as MLPC's, {@code blockSize} 128) are set here.
   */
  default void setMlpDefaults() {
    MlpParamSet p = mlpParamSet();
    JobConfig d = ConfigLoader.defaults();
    TrainSettings t = d.train();
    ScheduleSettings sc = t.schedule();
    setDefault(p.featuresCol, d.data().featuresColumn());
    setDefault(p.labelCol, d.data().labelColumn());
    setDefault(p.predictionCol, "prediction");
    setDefault(p.probabilityCol, "probability");
    setDefault(p.rawPredictionCol, "rawPrediction");
    setDefault(p.weightCol, "");
    setDefault(p.validationIndicatorCol, "");
    setDefault(p.seed, t.seed());
    setDefault(
        p.hiddenLayers, d.model().hiddenLayers().stream().mapToInt(Integer::intValue).toArray());
    setDefault(p.activation, d.model().hiddenActivation().id());
    setDefault(p.solver, t.optimizer().name().id());
    setDefault(p.stepSize, t.optimizer().learningRate());
    setDefault(p.maxIter, 100);
    setDefault(p.batchSize, t.batchSize());
    setDefault(p.blockSize, 128);
    setDefault(p.tol, t.earlyStopping().minDelta());
    setDefault(p.patience, t.earlyStopping().enabled() ? t.earlyStopping().patience() : 0);
    setDefault(p.weightDecay, t.optimizer().weightDecay());
    setDefault(p.schedule, sc.type().id());
    setDefault(p.scheduleStepEpochs, sc.stepEpochs());
    setDefault(p.scheduleGamma, sc.gamma());
    setDefault(p.scheduleWarmupSteps, sc.warmupSteps());
    setDefault(p.scheduleMinFraction, sc.minFraction());
    setDefault(p.schedulePctStart, sc.pctStart());
    setDefault(p.scheduleDivFactor, sc.divFactor());
    setDefault(p.scheduleFinalDivFactor, sc.finalDivFactor());
    setDefault(p.normalization, d.model().normalization().id());
    setDefault(p.checkpointDir, "");
    setDefault(p.initialModel, "");
    setDefault(p.verbose, false);
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
    ParamChecks.positive("layers", v);
    set(layers(), v.clone());
    return self();
  }

  default S setHiddenLayers(int[] v) {
    if (v == null) {
      throw new IllegalArgumentException("param hiddenLayers: expected an array, found null");
    }
    ParamChecks.positive("hiddenLayers", v);
    set(hiddenLayers(), v.clone());
    return self();
  }

  default S setActivation(String v) {
    set(activation(), ParamChecks.oneOf("activation", v, MlpParamSet.ACTIVATIONS));
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
    set(solver(), ParamChecks.oneOf("solver", s, MlpParamSet.SOLVERS));
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
    set(maxIter(), ParamChecks.atLeast("maxIter", v, 1));
    return self();
  }

  default S setBatchSize(int v) {
    set(batchSize(), ParamChecks.atLeast("batchSize", v, 1));
    return self();
  }

  /** Rows per matrix product in transform (MLPC's stacking block); training is unaffected. */
  default S setBlockSize(int v) {
    set(blockSize(), ParamChecks.atLeast("blockSize", v, 1));
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
    set(patience(), ParamChecks.atLeast("patience", v, 0));
    return self();
  }

  default S setWeightDecay(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("param weightDecay: expected a number >= 0, found " + v);
    }
    set(weightDecay(), v);
    return self();
  }

  default S setNormalization(String v) {
    set(normalization(), ParamChecks.oneOf("normalization", v, MlpParamSet.NORMALIZATIONS));
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
}

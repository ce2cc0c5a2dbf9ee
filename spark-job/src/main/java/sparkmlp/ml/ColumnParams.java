package sparkmlp.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The column params of every sparkmlp stage, in MLlib's names: features, label, the three output
 * columns, example weights and the validation indicator.
 *
 * @param <S> the stage type setters return, for chaining
 */
public interface ColumnParams<S> extends Params {

  /** The stage's own {@code Param} objects. */
  MlpParamSet mlpParamSet();

  /** This stage, typed for chaining. */
  S self();

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

  default S setFeaturesCol(String v) {
    set(featuresCol(), ParamChecks.column("featuresCol", v));
    return self();
  }

  default S setLabelCol(String v) {
    set(labelCol(), ParamChecks.column("labelCol", v));
    return self();
  }

  default S setPredictionCol(String v) {
    set(predictionCol(), ParamChecks.column("predictionCol", v));
    return self();
  }

  default S setProbabilityCol(String v) {
    set(probabilityCol(), ParamChecks.column("probabilityCol", v));
    return self();
  }

  default S setRawPredictionCol(String v) {
    set(rawPredictionCol(), ParamChecks.column("rawPredictionCol", v));
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
}

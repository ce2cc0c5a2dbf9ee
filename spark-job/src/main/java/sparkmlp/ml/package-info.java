/**
 * Spark ML Pipeline stages over sparkmlp's engine: {@link sparkmlp.ml.MlpClassifier} and {@link
 * sparkmlp.ml.MlpRegressor} (estimators whose {@code fit} runs the same distributed training loop
 * as {@code mlp train}), the models they produce (batched scoring in {@code transform}), their
 * params, and persistence as MLlib-style metadata plus the model container.
 */
package sparkmlp.ml;

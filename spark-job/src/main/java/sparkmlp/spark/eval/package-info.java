/**
 * Evaluation on Spark: the loss and metrics of a network's predictions on cached blocks at given
 * weights ({@link sparkmlp.spark.eval.EvaluationJob}), for each epoch's validation during training,
 * the test set after it, {@code mlp evaluate} and the registry's gate. Apart from the step engines,
 * which only sum gradients.
 */
package sparkmlp.spark.eval;

/**
 * One training run, as {@code mlp train}, {@code mlp retrain} and the Spark ML stages start it:
 * where it starts (fresh, resumed from a checkpoint, warm-started), which step engine drives core's
 * training loop, what it prints, and the files it leaves ({@code summary.json}, the model,
 * checkpoints). All math is core's; the steps themselves are the engines' ({@code
 * sparkmlp.spark.engine}).
 */
package sparkmlp.spark.run;

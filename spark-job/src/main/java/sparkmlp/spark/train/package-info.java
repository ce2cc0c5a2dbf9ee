/**
 * The distributed trainer: data prepared into one column-major block per partition and cached
 * ({@link sparkmlp.spark.train.DataPreparer}), the per-step broadcast / gradient-sum / collect
 * cycle ({@link sparkmlp.spark.train.DistributedGradientSource}) driven by core's training loop,
 * and the job that ties them together ({@link sparkmlp.spark.train.TrainJob}). Sessions and stored
 * models and checkpoints live in {@code session} and {@code store}. All math is core's.
 */
package sparkmlp.spark.train;

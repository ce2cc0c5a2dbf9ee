/**
 * The distributed trainer: data prepared into one column-major block per partition and cached
 * ({@link sparkmlp.spark.train.DataPreparer}), the per-step broadcast / gradient-sum / collect
 * cycle ({@link sparkmlp.spark.train.DistributedGradientSource}) driven by core's training loop,
 * checkpoints ({@link sparkmlp.spark.train.CheckpointStore}) and the job that ties them together
 * ({@link sparkmlp.spark.train.TrainJob}). All math is core's.
 */
package sparkmlp.spark.train;

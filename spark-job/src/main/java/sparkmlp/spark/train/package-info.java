/**
 * The distributed trainer: data prepared into one column-major block per partition and cached
 * ({@link sparkmlp.spark.train.DataPreparer}), the per-step broadcast / gradient-sum / reduction
 * cycle ({@link sparkmlp.spark.train.DistributedGradientSource}; partition sums added on the driver
 * or, through one shuffle, on the executors: {@link sparkmlp.spark.train.ReductionPlan}) driven by
 * core's training loop; resident barrier tasks an epoch that exchange weights and sums with the
 * driver over a socket ({@link sparkmlp.spark.train.BarrierGradientSource}); or core's
 * single-process source in the driver for small data on a local master ({@link
 * sparkmlp.spark.train.StepExecution}), and the job that ties them together ({@link
 * sparkmlp.spark.train.TrainJob}). Sessions and stored models and checkpoints live in {@code
 * session} and {@code store}. All math is core's.
 */
package sparkmlp.spark.train;

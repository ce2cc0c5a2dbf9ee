/**
 * The {@code jobs} engine: one Spark job a step. The weights are broadcast, every cached partition
 * sums its gradient, and the sums are added in partition order on the driver or, through one
 * shuffle, on the executors ({@link sparkmlp.spark.engine.jobs.ReductionPlan}). Internal to the
 * engine except {@link sparkmlp.spark.engine.jobs.JobsEngine} (and its {@link
 * sparkmlp.spark.engine.jobs.ReductionPlan}).
 */
package sparkmlp.spark.engine.jobs;

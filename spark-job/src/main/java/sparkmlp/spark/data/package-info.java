/**
 * Data preparation, shared by training, evaluation, prediction, the registry and the Spark ML
 * stages: input rows read ({@code sparkmlp.spark.io}), checked, split into training and validation
 * examples, normalised, and stacked into one column-major block per partition that Spark caches
 * ({@link sparkmlp.spark.data.DataPreparer}, {@link sparkmlp.spark.data.PreparedData}). The
 * partition of each example follows from its index, so batches do not depend on the partition
 * count.
 */
package sparkmlp.spark.data;

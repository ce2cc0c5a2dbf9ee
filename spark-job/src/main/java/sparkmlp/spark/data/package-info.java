/**
 * Data preparation, shared by training, evaluation, prediction, the registry and the Spark ML
 * stages: input rows read ({@code sparkmlp.spark.io}), checked, split into training and validation
 * examples, normalised, and stacked into one column-major block per partition that Spark caches
 * ({@link sparkmlp.spark.data.DataPreparer}, {@link sparkmlp.spark.data.PreparedData}). The
 * partition of each example follows from its index, so batches do not depend on the partition
 * count. Every pass reads the rows through reused buffers ({@link sparkmlp.spark.io.RowScan}); the
 * training partitions are built in one of them, each input partition's share of a training
 * partition crossing the shuffle as one primitive block ({@code TrainBlocks}), after a check that
 * the blocks fit the executors' storage memory ({@code CacheBudget}). When the classes come from
 * the data and no example is held out, one scan finds them and the feature statistics ({@code
 * DataSurvey}) and keeps the parsed rows on disk ({@code ParsedRows}), so the text is parsed once.
 */
package sparkmlp.spark.data;

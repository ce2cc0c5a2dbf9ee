/**
 * Reading training data and writing results on a Hadoop file system: plain paths, {@code file://}
 * and {@code hdfs://} in-process; {@code s3a://}, {@code abfs://}, {@code gs://} when their
 * connector is on the classpath ({@link sparkmlp.spark.io.FileSystems} names it when it is not).
 *
 * <p>{@link sparkmlp.spark.io.DataReader} turns CSV, LibSVM, Parquet or IDX (MNIST) input into one
 * shape, {@link sparkmlp.spark.io.RawData}: a lazy RDD of {@link sparkmlp.spark.io.RawExample}s
 * whose {@code index} is the example's position in the input (files in name order, then line or
 * record order), whatever the later partitioning. Text formats are parsed line by line by our own
 * code, not Spark's CSV source, so that every bad cell is reported as one line naming {@code
 * path:line:column}, what was expected and what was found; such errors are {@link
 * sparkmlp.spark.io.InputException}s, and {@link sparkmlp.spark.io.InputException#find} recovers
 * them from the {@code SparkException} of a failed task. The same rows can be read through a {@link
 * sparkmlp.spark.io.RowScan}, one {@link sparkmlp.spark.io.RowCursor} per partition whose buffers
 * are reused: text (CSV and LibSVM) is parsed in place from Hadoop's line bytes, without a string
 * per line or cell, plain decimals by {@code DecimalFastPath} (bit for bit {@code
 * Double.parseDouble}).
 *
 * <p>Parquet features are numeric columns, an array of numbers, or a vector column. spark-mllib is
 * not a dependency: a vector column is read through its {@code toArray()} when Spark's {@code
 * VectorUDT} is on the classpath, and otherwise through the struct ({@code type, size, indices,
 * values}) Spark falls back to when that class is missing. Number columns are read column-wise
 * ({@code ParquetColumns}): the column batches of Spark's vectorized scan, each cell from its
 * column vector, with the row path's indices, values and messages; a vector column, or a plan
 * without batches, is read as {@code Row}s.
 *
 * <p>{@link sparkmlp.spark.io.AtomicFiles} writes a file so that readers see the old or the new
 * content, never a part: a hidden temporary sibling renamed over the target.
 */
package sparkmlp.spark.io;

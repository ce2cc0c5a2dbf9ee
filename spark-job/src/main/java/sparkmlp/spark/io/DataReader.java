package sparkmlp.spark.io;

import java.util.Objects;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Reads training data in any supported format into {@link RawData}. Checks that need no pass over
 * the data (paths, headers, schemas, IDX files) and the counting pass that fixes example indices
 * run at once; cell errors surface when an action runs on the rows.
 */
public final class DataReader {

  private DataReader() {}

  /**
   * Reads what {@code spec} describes.
   *
   * @throws InputException for a missing path or bad input found while reading
   */
  public static RawData read(SparkSession spark, DataSpec spec) {
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(spec, "spec");
    DataFormat format = spec.format();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    InputPath in = InputPath.resolve(conf, spec.configKey(), spec.path());
    if (format == DataFormat.AUTO) {
      format = DataFormat.detect(in);
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      return switch (format) {
        case CSV -> CsvReader.read(sc, spec, in);
        case LIBSVM -> LibSvmReader.read(sc, spec, in);
        case PARQUET -> ParquetReader.read(spark, spec, in);
        case IDX -> IdxReader.read(sc, spec, in);
        case AUTO -> throw new IllegalStateException("auto is resolved above");
      };
    } catch (Exception e) {
      // Errors from the eager passes come back from tasks wrapped in a (checked) SparkException.
      InputException input = InputException.find(e);
      if (input != null) {
        throw input;
      }
      throw e;
    }
  }
}

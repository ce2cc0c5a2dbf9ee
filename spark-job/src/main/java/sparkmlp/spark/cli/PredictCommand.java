package sparkmlp.spark.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sparkmlp.core.model.Model;
import sparkmlp.spark.config.DataSettings;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.DataReader;
import sparkmlp.spark.io.DataSpec;
import sparkmlp.spark.io.FileSystems;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.session.SparkSessions;
import sparkmlp.spark.store.ModelStore;

/**
 * {@code mlp predict}: batch scoring. Writes one row per input example — its 0-based row index, the
 * columns named by {@code --keep}, the prediction, and class probabilities (or per-target
 * predictions; see {@link PredictionRows}) — as CSV (one part file) or Parquet, into a temporary
 * folder that is renamed into place only when complete.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = "Score data with a model.")
final class PredictCommand implements Callable<Integer>, MlpCommand.Streams {
  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Mixin ModelChoice modelChoice;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "PATH",
      description = "data to score; label columns are ignored")
  String data;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "DIR",
      description = "output folder (.csv or .parquet in the name picks the format)")
  String output;

  @Option(
      names = "--output-format",
      paramLabel = "FORMAT",
      description = "csv or parquet (default: from --output, else csv)")
  String outputFormat;

  @Option(names = "--overwrite", description = "replace an existing output folder")
  boolean overwrite;

  @Option(
      names = "--keep",
      split = ",",
      paramLabel = "COLUMNS",
      description = "input columns to copy beside the predictions, e.g. id,customer (CSV, Parquet)")
  List<String> keep = new ArrayList<>();

  private PrintStream out = System.out;

  @Override
  public void streams(PrintStream o, PrintStream e) {
    out = o;
  }

  @Override
  public Integer call() throws IOException {
    JobConfig config = common.load(List.of());
    String format =
        outputFormat != null
            ? outputFormat.toLowerCase(Locale.ROOT)
            : AtomicFiles.withoutTrailingSlash(output.toLowerCase(Locale.ROOT)).endsWith(".parquet")
                ? "parquet"
                : "csv";
    if (!format.equals("csv") && !format.equals("parquet")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--output-format: expected csv or parquet, found '" + outputFormat + "'");
    }
    Model m = ModelStore.load(new Configuration(), modelChoice.path(new Configuration()));
    SparkSession spark = SparkSessions.create(config.spark(), common.master);
    try {
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      Path target = new Path(output);
      FileSystem fs = FileSystems.of(target, hadoop, "--output");
      if (fs.exists(target) && !overwrite) {
        throw new InputException(
            "--output: " + output + " exists; choose another folder or add --overwrite");
      }
      DataPreparer prep = new DataPreparer(spark, config.data());
      RawData raw = read(spark, config, prep, m);
      DataPreparer.checkFeatures(raw, m.featureNames());
      StructType schema = PredictionRows.schema(m, keep);
      int kept = keep.size();
      LongAccumulator scored = spark.sparkContext().longAccumulator("rows scored");
      JavaRDD<Row> rows = raw.rows().mapPartitions(it -> PredictionRows.score(m, kept, it, scored));
      Dataset<Row> df = spark.createDataFrame(rows, schema);
      Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
      spark.sparkContext().setJobDescription("scoring " + data);
      long start = System.nanoTime();
      if (format.equals("csv")) {
        df.coalesce(1).write().option("header", "true").csv(tmp.toString());
      } else {
        df.write().parquet(tmp.toString());
      }
      replace(fs, tmp, target);
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(
          Locale.ROOT,
          "predictions written to %s (%,d rows in %.1f s, %,.0f rows/s)%n",
          output,
          scored.value(),
          seconds,
          scored.value() / seconds);
    } finally {
      SparkSessions.release(spark);
    }
    return ExitCodes.OK;
  }

  /** The data, with the columns to keep read as text in the examples' label slots. */
  private RawData read(SparkSession spark, JobConfig config, DataPreparer prep, Model m) {
    if (keep.isEmpty()) {
      return prep.readFeatures("--data", data, null, m.featureNames());
    }
    DataSettings s = config.data();
    RawData raw =
        DataReader.read(
            spark,
            new DataSpec(
                "--data",
                data,
                null,
                new DataSpec.Columns(keep, m.featureNames(), true),
                new DataSpec.Layout(s.format(), s.featuresColumn(), s.numFeatures())));
    if (!raw.labelNames().equals(keep)) {
      throw new InputException(
          "--keep: " + data + " has no named columns to keep; --keep needs CSV or Parquet data");
    }
    return raw;
  }

  /**
   * Moves the finished folder into place; an existing one is moved aside first and removed after.
   */
  private static void replace(FileSystem fs, Path tmp, Path target) throws IOException {
    Path old = null;
    if (fs.exists(target)) {
      old = new Path(target.getParent(), "." + target.getName() + ".old-" + UUID.randomUUID());
      if (!fs.rename(target, old)) {
        throw new IOException("cannot move " + target + " aside");
      }
    }
    if (!fs.rename(tmp, target)) {
      throw new IOException("cannot rename " + tmp + " to " + target);
    }
    if (old != null) {
      fs.delete(old, true);
    }
  }
}

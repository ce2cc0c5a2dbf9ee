package sparkmlp.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkmlp.core.format.Json;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.model.Model;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.data.DataPreparer;
import sparkmlp.spark.eval.EvaluationJob;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.FileSystems;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.run.TrainingSetup;
import sparkmlp.spark.session.SparkSessions;
import sparkmlp.spark.store.ModelStore;

/**
 * {@code mlp evaluate}: loss and metrics of a model on labelled data, as JSON (with the confusion
 * matrix).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Evaluate a model on labelled data.")
final class EvaluateCommand implements Callable<Integer>, MlpCommand.Streams {
  @Mixin CommonOptions common;

  @Mixin ModelChoice modelChoice;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "PATH",
      description = "labelled data (CSV, LibSVM, Parquet, IDX)")
  String data;

  @Option(names = "--labels", paramLabel = "PATH", description = "IDX labels file for IDX data")
  String labels;

  @Option(
      names = "--label-column",
      paramLabel = "NAME",
      description = "label column (default: mlp.data.label-column)")
  String labelColumn;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "also write the metrics JSON here, atomically")
  String output;

  private PrintStream out = System.out;

  @Override
  public void streams(PrintStream o, PrintStream e) {
    out = o;
  }

  @Override
  public Integer call() throws Exception {
    List<String> extra = new ArrayList<>();
    if (labelColumn != null) {
      extra.add("data.label-column=\"" + labelColumn + "\"");
    }
    JobConfig config = common.load(extra);
    String model = modelChoice.path(new Configuration());
    Model m = ModelStore.load(new Configuration(), model);
    if (!m.task().isClassification()) {
      extra.add("data.label-columns=" + hoconList(m.labelNames()));
      config = common.load(extra);
    }
    SparkSession spark = SparkSessions.create(config.spark(), common.master);
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      if (output != null) {
        FileSystems.check(spark.sparkContext().hadoopConfiguration(), output, "--output");
      }
      DataPreparer prep = new DataPreparer(spark, config.data());
      RawData raw = prep.read("--data", data, labels);
      var blocks =
          prep.evaluationBlocks(raw, TrainingSetup.encoder(m), m.normalizer(), m.featureNames());
      jsc.setJobDescription("evaluating " + data);
      Evaluation e = EvaluationJob.of(jsc, m).evaluate(blocks, m.params());
      ObjectNode json = e.toJson(m.labelNames());
      json.put("model", ModelStore.resolve(spark.sparkContext().hadoopConfiguration(), model));
      json.put("data", data);
      String text = Json.pretty(json);
      if (output != null) {
        AtomicFiles.writeString(spark.sparkContext().hadoopConfiguration(), output, text);
      }
      out.print(text);
      out.flush();
    } finally {
      SparkSessions.release(spark);
    }
    return ExitCodes.OK;
  }

  static String hoconList(List<String> items) {
    List<String> quoted = new ArrayList<>();
    for (String s : items) {
      quoted.add("\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    return "[" + String.join(",", quoted) + "]";
  }
}

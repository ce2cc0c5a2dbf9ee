package sparkmlp.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import sparkmlp.core.format.Json;
import sparkmlp.core.model.Model;
import sparkmlp.core.model.ModelFile;
import sparkmlp.spark.config.Redaction;
import sparkmlp.spark.store.ModelStore;

/**
 * {@code mlp inspect}: prints a model's layers, normalisation and training summary as JSON. No
 * Spark needed.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Print a model as JSON.")
final class InspectCommand implements Callable<Integer>, MlpCommand.Streams {
  @Parameters(paramLabel = "MODEL", description = "model file or output folder")
  String model;

  private PrintStream out = System.out;

  @Override
  public void streams(PrintStream o, PrintStream e) {
    out = o;
  }

  @Override
  public Integer call() throws Exception {
    Configuration conf = new Configuration();
    String file = ModelStore.resolve(conf, model);
    Model m = ModelStore.load(conf, model);
    ObjectNode h = ModelFile.header(m, ModelFile.KIND);
    h.put("file", file);
    h.put("parameters", m.network().numParams());
    h.put("network_summary", m.network().toString());
    // A model written before redaction existed may still carry credentials in its summary.
    out.print(Json.pretty(Redaction.defaults().redact(h, "")));
    return ExitCodes.OK;
  }
}

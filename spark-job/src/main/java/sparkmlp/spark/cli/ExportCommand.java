package sparkmlp.spark.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkmlp.core.data.Precision;
import sparkmlp.core.model.Model;
import sparkmlp.core.onnx.OnnxExporter;
import sparkmlp.core.onnx.OnnxOptions;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.FileSystems;
import sparkmlp.spark.store.ModelStore;

/**
 * {@code mlp export}: writes a model as an ONNX file (see {@link OnnxExporter} for its inputs and
 * outputs), atomically. No Spark needed.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a model for serving elsewhere (ONNX).")
final class ExportCommand implements Callable<Integer>, MlpCommand.Streams {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "PATH",
      description = "model file or output folder")
  String model;

  @Option(
      names = "--format",
      defaultValue = "onnx",
      paramLabel = "FORMAT",
      description = "onnx (default)")
  String format;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "file to write")
  String output;

  @Option(
      names = "--precision",
      defaultValue = "float",
      paramLabel = "TYPE",
      description = "element type of inputs, weights and outputs: float (default) or double")
  String precision;

  private PrintStream out = System.out;

  @Override
  public void streams(PrintStream o, PrintStream e) {
    out = o;
  }

  @Override
  public Integer call() {
    if (!format.toLowerCase(Locale.ROOT).equals("onnx")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--format: expected onnx, found '" + format + "'");
    }
    Precision p;
    try {
      p = Precision.fromId(precision);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--precision: expected float or double, found '" + precision + "'");
    }
    Configuration conf = new Configuration();
    FileSystems.check(conf, output, "--output");
    Model m = ModelStore.load(conf, model);
    byte[] onnx = OnnxExporter.export(m, OnnxOptions.defaults().withPrecision(p));
    AtomicFiles.write(conf, output, o -> o.write(onnx));
    out.println(
        "wrote "
            + output
            + " (ONNX opset "
            + OnnxExporter.OPSET
            + ", "
            + p.id()
            + ", "
            + onnx.length
            + " bytes)");
    return ExitCodes.OK;
  }
}

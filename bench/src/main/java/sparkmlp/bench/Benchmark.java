package sparkmlp.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sparkmlp.core.data.Precision;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.io.InputException;

/**
 * {@code bin/bench}: the whole comparison in one process on {@code local[2]} — BLAS limit, core
 * step, core epoch, sparkmlp's job, MLlib's MLPC — then the table, {@code
 * <results>/<timestamp>.json}, {@code latest.json} and {@code accuracy-vs-time.png}. Phases run one
 * after another, never side by side.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Benchmark sparkmlp against the BLAS limit and MLlib's MultilayerPerceptronClassifier.")
public final class Benchmark implements Callable<Integer> {
  /** The parts of the benchmark, in the order they run. */
  enum Phase {
    GEMM,
    STEP,
    SPARK,
    MLPC
  }

  static final String MASTER = "local[2]";

  @Option(
      names = "--quick",
      description =
          "a few minutes: 3 epochs of sparkmlp, MLPC l-bfgs 20 iterations only,"
              + " shorter timings")
  boolean quick;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      split = ",",
      description =
          "sparkmlp configs, one run each per precision; their test set is the validation set. The"
              + " first one's network is the one the GEMM, core step and MLPC phases use (default"
              + " conf/fashion-mnist.conf,conf/fashion-mnist-dropout.conf; quick: the first)")
  List<Path> configs;

  @Option(
      names = "--precision",
      paramLabel = "P",
      split = ",",
      description = "mlp.train.precision of the runs: double, float (default: both)")
  List<Precision> precisions = new ArrayList<>(List.of(Precision.DOUBLE, Precision.FLOAT));

  @Option(
      names = "--precision-batches",
      paramLabel = "B",
      split = ",",
      description =
          "short extra runs of the first config at these global batch sizes, one per precision,"
              + " for the float ÷ double epoch against the batch (default 512,4096; quick: none;"
              + " 0 = none)")
  List<Integer> precisionBatches;

  @Option(
      names = "--precision-epochs",
      paramLabel = "N",
      defaultValue = "5",
      description = "epochs of each --precision-batches run (default: ${DEFAULT-VALUE})")
  int precisionEpochs;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "config override, as for mlp train (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--results",
      paramLabel = "DIR",
      defaultValue = "bench/results",
      description = "where the JSON, the chart and the run's model go (default: ${DEFAULT-VALUE})")
  Path results;

  @Option(
      names = "--mlpc-iterations",
      paramLabel = "N",
      split = ",",
      description = "MLPC l-bfgs maxIter values (default 50,100,200; quick: 20)")
  List<Integer> mlpcIterations;

  @Option(
      names = "--stage-epochs",
      paramLabel = "N",
      split = ",",
      description =
          "epochs of sparkmlp's MlpClassifier stage fitted on MLPC's DataFrame, one fit each"
              + " (default 5,10,20; quick: 3; 0 = none)")
  List<Integer> stageEpochs;

  @Option(
      names = "--mlpc-gd-iterations",
      paramLabel = "N",
      description = "MLPC gd iterations, 0 = none (default 100; quick: 0)")
  Integer gdIterations;

  @Option(
      names = "--mlpc-gd-step-size",
      paramLabel = "X",
      defaultValue = "0.03",
      description = "MLPC gd step size (default: ${DEFAULT-VALUE}, MLlib's default)")
  double gdStepSize;

  @Option(
      names = "--skip",
      paramLabel = "PHASE",
      split = ",",
      description = "leave out phases: ${COMPLETION-CANDIDATES} (case-insensitive)")
  Set<Phase> skip = EnumSet.noneOf(Phase.class);

  @Option(
      names = "--scaling",
      description =
          "instead of the comparison: step time, driver bytes and reduction time against the"
              + " number of partitions, direct vs sharded reduction (docs/scaling.md), and digits"
              + " through Spark vs in the driver")
  boolean scaling;

  @Option(
      names = "--scaling-partitions",
      paramLabel = "K",
      split = ",",
      defaultValue = "2,8,32,64",
      description = "partition counts of --scaling (default: ${DEFAULT-VALUE})")
  int[] scalingPartitions;

  @Option(
      names = "--scaling-steps",
      paramLabel = "N",
      defaultValue = "5",
      description = "timed steps per configuration of --scaling (default: ${DEFAULT-VALUE})")
  int scalingSteps;

  @Option(
      names = "--network",
      description =
          "instead of the comparison: the job on a multi-host network built on this machine"
              + " (network namespaces, capped links; needs root): step time and bytes per host"
              + " link per step for each engine (docs/scaling.md); grid: the --network-* options")
  boolean network;

  @Mixin NetworkOptions networkOptions = new NetworkOptions();

  @Option(
      names = "--data",
      description =
          "instead of the comparison: CSV preparation against Spark's own CSV source, and one"
              + " epoch, on generated data of --data-rows x --data-features (docs/benchmarks.md)")
  boolean data;

  @Option(
      names = "--data-rows",
      paramLabel = "N",
      split = ",",
      defaultValue = "1000000,5000000",
      description = "rows of each --data file (default: ${DEFAULT-VALUE})")
  List<Long> dataRows;

  @Option(
      names = "--data-features",
      paramLabel = "N",
      defaultValue = "100",
      description = "features of the --data files (default: ${DEFAULT-VALUE})")
  int dataFeatures;

  @Option(
      names = "--data-format",
      paramLabel = "F",
      split = ",",
      defaultValue = "csv",
      description =
          "formats of the --data files: csv, libsvm, parquet (the same rows, converted once;"
              + " default: ${DEFAULT-VALUE})")
  List<String> dataFormats;

  @Option(
      names = "--data-jvm",
      paramLabel = "FLAGS",
      description =
          "heap and collector flags of the --data mlp train in a fresh JVM, whose peak RSS is"
              + " reported; repeat to compare (default: bin/mlp's, conf/jvm.options or"
              + " MLP_JAVA_OPTS)")
  List<String> dataJvm;

  public static void main(String[] args) {
    CommandLine cli =
        new CommandLine(new Benchmark())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(Benchmark::badInput);
    System.exit(cli.execute(args));
  }

  /**
   * A config or an input file the bench cannot use ends the run with its one line, as {@code mlp
   * train} would print it, and exit code 2; anything else is a bug, reported with its trace.
   */
  private static int badInput(Exception e, CommandLine cli, CommandLine.ParseResult parsed)
      throws Exception {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InputException || t instanceof InvalidConfigException) {
        cli.getErr().println("bin/bench: " + t.getMessage());
        return 2;
      }
    }
    throw e;
  }

  @Override
  public Integer call() {
    String stamp =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    Progress progress = new Progress(System.out);
    if (network) {
      return NetworkBench.command(networkOptions, results, stamp, progress);
    }
    if (data) {
      List<String> jvm = dataJvm != null ? dataJvm : List.of(FreshTrain.mlpOptions());
      return DataBench.command(
          MASTER, results, dataRows, dataFeatures, dataFormats, jvm, stamp, progress);
    }
    if (scaling) {
      return ScalingBench.command(
          MASTER, results, scalingPartitions, scalingSteps, stamp, progress);
    }
    return new ComparisonBench(this, stamp, progress).run();
  }

  /** The config files, the defaults if none were given. */
  List<Path> configs() {
    if (configs != null) {
      return configs;
    }
    return quick
        ? List.of(Path.of("conf/fashion-mnist.conf"))
        : List.of(Path.of("conf/fashion-mnist.conf"), Path.of("conf/fashion-mnist-dropout.conf"));
  }

  /** The extra batch sizes of the float ÷ double sweep, without the zeros. */
  List<Integer> precisionBatches() {
    List<Integer> batches =
        precisionBatches != null ? precisionBatches : quick ? List.of() : List.of(512, 4096);
    return batches.stream().filter(b -> b > 0).toList();
  }

  /** MLPC's l-bfgs iteration counts. */
  List<Integer> lbfgs() {
    return mlpcIterations != null ? mlpcIterations : quick ? List.of(20) : List.of(50, 100, 200);
  }

  /** MLPC's gd iterations, 0 for none. */
  int gd() {
    return gdIterations != null ? gdIterations : quick ? 0 : 100;
  }

  /** Epochs of each MlpClassifier fit, without the zeros. */
  List<Integer> stageEpochs() {
    List<Integer> e = stageEpochs != null ? stageEpochs : quick ? List.of(3) : List.of(5, 10, 20);
    return e.stream().filter(n -> n > 0).toList();
  }
}

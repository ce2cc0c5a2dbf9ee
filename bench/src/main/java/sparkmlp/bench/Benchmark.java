package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkmlp.core.data.Precision;
import sparkmlp.core.linalg.Blas;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.TrainSettings;
import sparkmlp.spark.session.SparkSessions;

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

  private static final String MASTER = "local[2]";
  private static final int PARTITIONS = 2;

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

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Benchmark()).setCaseInsensitiveEnumValuesAllowed(true);
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() {
    String stamp =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    Progress progress = new Progress(System.out);
    if (scaling) {
      return scaling(stamp, progress);
    }
    if (configs == null) {
      configs =
          quick
              ? List.of(Path.of("conf/fashion-mnist.conf"))
              : List.of(
                  Path.of("conf/fashion-mnist.conf"), Path.of("conf/fashion-mnist-dropout.conf"));
    }
    List<Run> runs = new ArrayList<>();
    for (Path c : configs) {
      for (Precision p : precisions) {
        runs.add(new Run(c, p, 0, jobConfig(c, p, 0, stamp, runs.size() + 1, false)));
      }
    }
    List<Integer> batches =
        precisionBatches != null ? precisionBatches : quick ? List.of() : List.of(512, 4096);
    for (int b : batches.stream().filter(b -> b > 0).toList()) {
      for (Precision p : precisions) {
        runs.add(
            new Run(
                configs.get(0),
                p,
                b,
                jobConfig(configs.get(0), p, b, stamp, runs.size() + 1, false)));
      }
    }
    JobConfig job = runs.get(0).job();
    TrainSettings t = job.train();
    String settings = settings(t);
    List<Integer> lbfgs =
        mlpcIterations != null ? mlpcIterations : quick ? List.of(20) : List.of(50, 100, 200);
    int gd = gdIterations != null ? gdIterations : quick ? 0 : 100;
    progress.line(
        "sparkmlp bench, %s mode on %s: sparkmlp %s × %s; MLPC l-bfgs %s%s",
        quick ? "quick" : "full",
        MASTER,
        configs,
        precisions.stream().map(Precision::id).toList(),
        lbfgs,
        gd > 0 ? ", gd " + gd : "");
    ObjectNode header = header(stamp, settings, lbfgs, gd);
    ArrayNode errors = header.putArray("errors");

    SparkSession spark = SparkSessions.create(job.spark(), MASTER);
    progress.line("Spark %s session on %s ready", spark.version(), MASTER);
    header.put("spark_version", spark.version());
    GemmBench.Result gemm = null;
    StepBench.Result step = null;
    StepBench.FloatStep floatStep = null;
    CoreEpochRun coreEpoch = null;
    SparkFloor floor = null;
    List<SparkRun> ours = new ArrayList<>();
    List<SparkRun> sweep = new ArrayList<>();
    int numParams = 0;
    MlpcRun mlpc = null;
    try {
      if (!skip.contains(Phase.GEMM) || !skip.contains(Phase.STEP)) {
        progress.section("data", "data for the single-process runs (prepared as TrainJob does)");
        LocalData data = LocalData.load(spark, job, progress);
        progress.line(
            "  %,d training and %,d test examples, network %s (%.1f s)",
            data.train().size(), data.test().size(), data.network(), data.seconds());
        numParams = data.network().numParams();
        if (!skip.contains(Phase.GEMM)) {
          progress.section(
              "gemm", "1. hardware limit: GEMMs of a training step, batch " + t.batchSize());
          gemm =
              attempt(
                  "gemm",
                  errors,
                  progress,
                  () -> GemmBench.run(data.network(), t.batchSize(), quick ? 0.15 : 0.3, progress));
        }
        if (!skip.contains(Phase.STEP)) {
          progress.section("core step", "2. core training step alone (no Spark)");
          step =
              attempt(
                  "step",
                  errors,
                  progress,
                  () -> StepBench.run(data, quick ? 100 : Integer.MAX_VALUE, progress));
          floatStep =
              attempt(
                  "float step",
                  errors,
                  progress,
                  () -> StepBench.runFloat(data, quick ? 100 : 300, progress));
          coreEpoch =
              attempt("core epoch", errors, progress, () -> CoreEpochRun.run(data, progress));
        }
      }
      System.gc();
      if (!skip.contains(Phase.SPARK)) {
        // A JVM's first Spark training runs slow for seconds while the JIT compiles Spark's code
        // on the same two cores (a float epoch 0.83 s first, 0.62 s after a double run): each
        // precision trains 2 unrecorded epochs first, so no measured run pays for that.
        for (Precision p : precisions) {
          JobConfig warm = jobConfig(configs.get(0), p, 0, stamp, 0, true);
          progress.section("warm-up " + p.id(), "3. warm-up: 2 unrecorded epochs, " + p.id());
          attempt(
              "warm-up " + p.id(),
              errors,
              progress,
              () -> SparkRun.run(spark, warm, "warm-up", settings(warm.train()), progress));
          System.gc();
        }
        for (Run r : runs) {
          String s = settings(r.job().train());
          progress.section(
              "sparkmlp " + r.name(),
              "3. sparkmlp TrainJob on " + MASTER + ": " + r.name() + " (" + s + ")");
          SparkRun run =
              attempt(
                  "spark " + r.name(),
                  errors,
                  progress,
                  () ->
                      SparkRun.run(
                          spark, r.job(), r.config().getFileName().toString(), s, progress));
          if (run != null) {
            (r.batch() > 0 ? sweep : ours).add(run);
          }
          System.gc();
        }
        int p = !ours.isEmpty() ? ours.get(0).numParams() : numParams;
        if (p > 0) {
          floor =
              attempt(
                  "spark floor",
                  errors,
                  progress,
                  () -> SparkFloor.run(spark, p, quick ? 100 : 300, progress));
        }
      }
      if (!skip.contains(Phase.MLPC) && (!lbfgs.isEmpty() || gd > 0)) {
        progress.section("mlpc", "4. MLlib MultilayerPerceptronClassifier on " + MASTER);
        mlpc =
            attempt(
                "mlpc",
                errors,
                progress,
                () ->
                    MlpcRun.run(
                        spark,
                        job,
                        PARTITIONS,
                        lbfgs,
                        gd,
                        gdStepSize,
                        stageEpochs(quick),
                        progress));
      }
    } finally {
      progress.endSection();
      spark.stop();
    }
    header.set("machine_load", progress.cpu().toJson());
    Report report =
        new Report(
            header,
            progress.cpu().phases(),
            gemm,
            step,
            floatStep,
            coreEpoch,
            floor,
            List.copyOf(ours),
            List.copyOf(sweep),
            mlpc);
    report.print(progress.out());
    Path json = report.write(results, stamp);
    progress.line(
        "results: %s, %s, %s",
        json, results.resolve("latest.json"), results.resolve("accuracy-vs-time.png"));
    return errors.isEmpty() ? 0 : 1;
  }

  /** {@code --scaling}: {@link ScalingBench}, printed and written to scaling-<stamp>.json. */
  private Integer scaling(String stamp, Progress progress) {
    JobConfig job = ConfigLoader.load(null, List.of("spark.master=" + quote(MASTER)));
    SparkSession spark = SparkSessions.create(job.spark(), MASTER);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("timestamp", stamp);
    out.put("mode", "scaling");
    out.put("master", MASTER);
    out.put("spark_version", spark.version());
    out.put("steps_per_configuration", scalingSteps);
    try {
      progress.section("scaling", "one step against k partitions, direct vs sharded reduction");
      ArrayNode rows = ScalingBench.run(spark, scalingPartitions, scalingSteps, progress);
      out.set("steps", rows);
      progress.endSection();
      progress.section("digits", "bundled digits: one Spark job per step vs in the driver");
      out.set("digits", ScalingBench.singleProcess(spark, results, progress));
      progress.endSection();
      out.set("machine_load", progress.cpu().toJson());
      ScalingBench.print(rows, progress.out());
    } finally {
      spark.stop();
    }
    try {
      java.nio.file.Files.createDirectories(results);
      Path file = results.resolve("scaling-" + stamp + ".json");
      java.nio.file.Files.writeString(
          file, out.toPrettyString() + "\n", java.nio.charset.StandardCharsets.UTF_8);
      progress.line("results: %s", file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return 0;
  }

  /**
   * One sparkmlp run of the benchmark: a config file at one precision and, for a short run of the
   * float ÷ double comparison against the batch, another batch size (0 = the config's).
   */
  private record Run(Path config, Precision precision, int batch, JobConfig job) {
    String name() {
      return config.getFileName() + " " + precision.id() + (batch > 0 ? " batch " + batch : "");
    }
  }

  private static String settings(TrainSettings t) {
    return String.format(
        Locale.ROOT,
        "%s lr %s, batch %d, %d epochs, %s",
        t.optimizer().name().id(),
        t.optimizer().learningRate(),
        t.batchSize(),
        t.epochs(),
        t.precision().id());
  }

  /**
   * A run's config: the file and --set, after the bench's own settings (test set as validation,
   * output, precision); a {@code warmUp} run trains 2 epochs.
   */
  private JobConfig jobConfig(
      Path config, Precision precision, int batch, String stamp, int index, boolean warmUp) {
    JobConfig base = ConfigLoader.load(config, overrides);
    if (base.data().test() == null) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          config + " names no test set (mlp.data.test):" + " the benchmark reports test accuracy");
    }
    List<String> all = new ArrayList<>();
    all.add("data.validation=" + quote(base.data().test()));
    if (base.data().testLabels() != null) {
      all.add("data.validation-labels=" + quote(base.data().testLabels()));
    }
    all.add("data.validation-split=0");
    String name = config.getFileName().toString().replaceFirst("\\.conf$", "");
    Path out =
        results
            .resolve("runs")
            .resolve(stamp)
            .resolve((warmUp ? "warm-up" : index) + "-" + name + "-" + precision.id());
    all.add("output.dir=" + quote(out.toString()));
    all.add("train.precision=" + precision.id());
    all.add("log.progress=never");
    all.add("spark.master=" + quote(MASTER));
    if (quick) {
      all.add("train.epochs=3");
    }
    all.addAll(overrides);
    if (batch > 0) {
      all.add("train.batch-size=" + batch);
      all.add("train.epochs=" + precisionEpochs);
    }
    if (warmUp) {
      all.add("train.epochs=2");
    }
    return ConfigLoader.load(config, all);
  }

  private ObjectNode header(String stamp, String settings, List<Integer> lbfgs, int gd) {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("timestamp", stamp);
    h.put("mode", quick ? "quick" : "full");
    ArrayNode cs = h.putArray("configs");
    configs.forEach(c -> cs.add(c.toString()));
    ArrayNode ps = h.putArray("precisions");
    precisions.forEach(p -> ps.add(p.id()));
    ArrayNode o = h.putArray("overrides");
    overrides.forEach(o::add);
    h.put("sparkmlp_settings", settings);
    h.put("master", MASTER);
    ArrayNode it = h.putArray("mlpc_lbfgs_iterations");
    lbfgs.forEach(it::add);
    h.put("mlpc_gd_iterations", gd);
    ObjectNode m = h.putObject("machine");
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    m.put("blas", Blas.implementation());
    m.put("openblas_num_threads", System.getenv("OPENBLAS_NUM_THREADS"));
    return h;
  }

  /**
   * Runs a phase; a failure is printed and recorded, and the benchmark goes on with the other
   * phases.
   */
  private static <T> T attempt(
      String phase, ArrayNode errors, Progress progress, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      progress.line("phase %s failed: %s", phase, e);
      e.printStackTrace();
      errors.addObject().put("phase", phase).put("error", e.toString());
      return null;
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private List<Integer> stageEpochs(boolean quick) {
    List<Integer> e = stageEpochs != null ? stageEpochs : quick ? List.of(3) : List.of(5, 10, 20);
    return e.stream().filter(n -> n > 0).toList();
  }
}

package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.data.Precision;
import sparkmlp.core.linalg.Blas;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.config.TrainSettings;
import sparkmlp.spark.session.SparkSessions;

/**
 * The comparison {@code bin/bench} runs by default: the phases one after another on one Spark
 * session — data, GEMM limit, core step, sparkmlp's runs, Spark's floor, MLPC — then the {@link
 * Report}. A phase that fails is recorded in the header's {@code errors} and the others go on.
 */
final class ComparisonBench {
  private static final int PARTITIONS = 2;

  private final Benchmark options;
  private final String stamp;
  private final Progress progress;
  private final BenchRuns plan;
  private final List<BenchRuns.Run> runs;
  private final JobConfig job;
  private final ObjectNode header;
  private final ArrayNode errors;

  private GemmBench.Result gemm;
  private StepBench.Result step;
  private FloatStep floatStep;
  private CoreEpochRun coreEpoch;
  private SparkFloor floor;
  private final List<SparkRun> ours = new ArrayList<>();
  private final List<SparkRun> sweep = new ArrayList<>();
  private int numParams;
  private MlpcRun mlpc;

  ComparisonBench(Benchmark options, String stamp, Progress progress) {
    this.options = options;
    this.stamp = stamp;
    this.progress = progress;
    this.plan = new BenchRuns(options, stamp);
    this.runs = plan.all();
    this.job = runs.get(0).job();
    String settings = BenchRuns.settings(job.train());
    progress.line(
        "sparkmlp bench, %s mode on %s: sparkmlp %s × %s; MLPC l-bfgs %s%s",
        options.quick ? "quick" : "full",
        Benchmark.MASTER,
        options.configs(),
        options.precisions.stream().map(Precision::id).toList(),
        options.lbfgs(),
        options.gd() > 0 ? ", gd " + options.gd() : "");
    this.header = header(settings);
    this.errors = header.putArray("errors");
  }

  /** Runs every phase not skipped, prints and writes the report; 1 if a phase failed. */
  int run() {
    SparkSession spark = SparkSessions.create(job.spark(), Benchmark.MASTER);
    progress.line("Spark %s session on %s ready", spark.version(), Benchmark.MASTER);
    header.put("spark_version", spark.version());
    try {
      if (!options.skip.contains(Benchmark.Phase.GEMM)
          || !options.skip.contains(Benchmark.Phase.STEP)) {
        singleProcess(spark);
      }
      System.gc();
      if (!options.skip.contains(Benchmark.Phase.SPARK)) {
        spark(spark);
      }
      if (!options.skip.contains(Benchmark.Phase.MLPC)
          && (!options.lbfgs().isEmpty() || options.gd() > 0)) {
        mlpc(spark);
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
    Path results = options.results;
    Path json = report.write(results, stamp);
    progress.line(
        "results: %s, %s, %s",
        json, results.resolve("latest.json"), results.resolve("accuracy-vs-time.png"));
    return errors.isEmpty() ? 0 : 1;
  }

  /**
   * Phases 1 and 2: the GEMM limit and core's step and epoch, on data prepared as TrainJob does.
   */
  private void singleProcess(SparkSession spark) {
    TrainSettings t = job.train();
    boolean quick = options.quick;
    progress.section("data", "data for the single-process runs (prepared as TrainJob does)");
    LocalData data = LocalData.load(spark, job, progress);
    progress.line(
        "  %,d training and %,d test examples, network %s (%.1f s)",
        data.train().size(), data.test().size(), data.network(), data.seconds());
    numParams = data.network().numParams();
    if (!options.skip.contains(Benchmark.Phase.GEMM)) {
      progress.section(
          "gemm", "1. hardware limit: GEMMs of a training step, batch " + t.batchSize());
      gemm =
          attempt(
              "gemm",
              () -> GemmBench.run(data.network(), t.batchSize(), quick ? 0.15 : 0.3, progress));
    }
    if (!options.skip.contains(Benchmark.Phase.STEP)) {
      progress.section("core step", "2. core training step alone (no Spark)");
      step = attempt("step", () -> StepBench.run(data, quick ? 100 : Integer.MAX_VALUE, progress));
      floatStep = attempt("float step", () -> FloatStep.run(data, quick ? 100 : 300, progress));
      coreEpoch = attempt("core epoch", () -> CoreEpochRun.run(data, progress));
    }
  }

  /** Phase 3: warm-up, sparkmlp's runs, then Spark's own floor per step. */
  private void spark(SparkSession spark) {
    // A JVM's first Spark training runs slow for seconds while the JIT compiles Spark's code
    // on the same two cores (a float epoch 0.83 s first, 0.62 s after a double run): each
    // precision trains 2 unrecorded epochs first, so no measured run pays for that.
    for (Precision p : options.precisions) {
      JobConfig warm = plan.warmUp(p);
      progress.section("warm-up " + p.id(), "3. warm-up: 2 unrecorded epochs, " + p.id());
      attempt(
          "warm-up " + p.id(),
          () -> SparkRun.run(spark, warm, "warm-up", BenchRuns.settings(warm.train()), progress));
      System.gc();
    }
    for (BenchRuns.Run r : runs) {
      String s = BenchRuns.settings(r.job().train());
      progress.section(
          "sparkmlp " + r.name(),
          "3. sparkmlp TrainJob on " + Benchmark.MASTER + ": " + r.name() + " (" + s + ")");
      SparkRun run =
          attempt(
              "spark " + r.name(),
              () -> SparkRun.run(spark, r.job(), r.config().getFileName().toString(), s, progress));
      if (run != null) {
        (r.batch() > 0 ? sweep : ours).add(run);
      }
      System.gc();
    }
    int p = !ours.isEmpty() ? ours.get(0).numParams() : numParams;
    if (p > 0) {
      floor =
          attempt(
              "spark floor", () -> SparkFloor.run(spark, p, options.quick ? 100 : 300, progress));
    }
  }

  /** Phase 4: MLlib's MLPC and sparkmlp's MlpClassifier stage on MLPC's DataFrame. */
  private void mlpc(SparkSession spark) {
    progress.section("mlpc", "4. MLlib MultilayerPerceptronClassifier on " + Benchmark.MASTER);
    mlpc =
        attempt(
            "mlpc",
            () ->
                MlpcRun.run(
                    spark,
                    job,
                    PARTITIONS,
                    options.lbfgs(),
                    options.gd(),
                    options.gdStepSize,
                    options.stageEpochs(),
                    progress));
  }

  private ObjectNode header(String settings) {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("timestamp", stamp);
    h.put("mode", options.quick ? "quick" : "full");
    ArrayNode cs = h.putArray("configs");
    options.configs().forEach(c -> cs.add(c.toString()));
    ArrayNode ps = h.putArray("precisions");
    options.precisions.forEach(p -> ps.add(p.id()));
    ArrayNode o = h.putArray("overrides");
    options.overrides.forEach(o::add);
    h.put("sparkmlp_settings", settings);
    h.put("master", Benchmark.MASTER);
    ArrayNode it = h.putArray("mlpc_lbfgs_iterations");
    options.lbfgs().forEach(it::add);
    h.put("mlpc_gd_iterations", options.gd());
    h.set("machine", machine());
    return h;
  }

  private static ObjectNode machine() {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
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
    return m;
  }

  /**
   * Runs a phase; a failure is printed and recorded, and the benchmark goes on with the other
   * phases.
   */
  private <T> T attempt(String phase, Supplier<T> body) {
    try {
      return body.get();
    } catch (RuntimeException e) {
      progress.line("phase %s failed: %s", phase, e);
      e.printStackTrace();
      errors.addObject().put("phase", phase).put("error", e.toString());
      return null;
    }
  }
}

package sparkmlp.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.data.Precision;

/**
 * Golden output of the benchmark's report: a fixed set of measurements, every part present (and
 * then every part skipped), must print the same table and comparison lines and write the same JSON,
 * byte for byte, as the files in {@code src/test/resources/sparkmlp/bench}. Those files were
 * produced by the report before it was split into its table, comparison and JSON classes, so a
 * refactoring that changes a figure, a word or a field fails here.
 */
class ReportTest {

  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static Measurement m(double... samples) {
    return Measurement.ofTimes(samples);
  }

  private static Measurement rates(double... samples) {
    return Measurement.ofRates(samples);
  }

  private static GemmBench.Result gemm() {
    GemmShape fwd = new GemmShape("L1 forward W·X", false, false, 256, 128, 784, 1.0);
    GemmShape grad = new GemmShape("L1 weight grad D·Xᵀ", false, true, 256, 784, 128, 1.0);
    return new GemmBench.Result(
        "native OpenBLAS",
        "1",
        128,
        List.of(
            new GemmBench.ShapeRate(fwd, rates(30.0, 31.5, 29.0), rates(60.0, 62.0, 58.0)),
            new GemmBench.ShapeRate(grad, rates(28.0, 27.5, 29.5), rates(55.0, 57.0, 54.0))),
        30.25,
        59.5,
        rates(29.0, 30.0, 28.0),
        rates(57.0, 58.0, 56.0),
        rates(55.0, 58.0, 57.0),
        rates(110.0, 112.0, 108.0),
        new GemmBench.ShapeRate(GemmShape.square(1024), rates(35.0, 36.0), rates(70.0, 71.0)),
        rates(66.0, 69.0, 68.0),
        // rounds of 2 × 0.112 GFLOP: mean 2.25 ms = 99.6 GFLOP/s ÷ the best 112 = η 0.889
        m(0.0020, 0.0025, 0.0022, 0.0023),
        0.112e9);
  }

  private static StepBench.Result step() {
    return new StepBench.Result(
        128,
        410_000,
        40,
        m(0.0021, 0.0020, 0.0023),
        new StepBench.Phases(0.0002, 0.0015, 0.0003),
        1.9,
        60_000,
        m(0.0041, 0.0040),
        2.2,
        468,
        60_000);
  }

  private static FloatStep floatStep() {
    return new FloatStep(128, 410_000, 40, m(0.0012, 0.0011), 0.0001, 0.0008, 0.0002);
  }

  private static StepJobListener.StepStats stats() {
    return new StepJobListener.StepStats(
        468, 4.2, 0.9, 3.1, 2.9, 2.7, 0.3, 0.1, 0.4, 0.05, 812_345);
  }

  /** Epoch seconds scaled by {@code k}, accuracies from {@code acc}. */
  private static SparkRun run(
      String config, Precision precision, int batch, double k, String engine, double... acc) {
    List<SparkRun.Epoch> epochs = new java.util.ArrayList<>();
    double cumulative = 0;
    for (int i = 0; i < acc.length; i++) {
      double seconds = (i == 0 ? 4.0 : 3.0 + 0.1 * i) * k;
      cumulative += seconds;
      epochs.add(
          new SparkRun.Epoch(
              i + 1, seconds, cumulative, acc[i], 0.6 - 0.05 * i, 0.62 - 0.04 * i, 0.25 * k));
    }
    boolean barrier = engine.equals("spark-barrier");
    return new SparkRun(
        epochs,
        2.5,
        cumulative,
        cumulative + 3.25,
        60_000,
        784,
        batch,
        60_000 / batch,
        400_000_000L,
        380_000_000L,
        acc[acc.length - 1],
        barrier ? null : stats(),
        "784-256-10",
        203_530,
        "batch " + batch,
        config,
        precision,
        engine);
  }

  private static MlpcRun mlpc() {
    return new MlpcRun(
        new int[] {784, 256, 10},
        128,
        1,
        2,
        "native",
        3.5,
        List.of(
            new MlpcRun.Fit("l-bfgs", 10, 0, 30.5, 0.80),
            new MlpcRun.Fit("l-bfgs", 40, 0, 120.25, 0.8712),
            new MlpcRun.Fit("gd", 100, 0.03, 300, 0.75)),
        List.of(new MlpcRun.Fit("MlpClassifier adam", 5, 0, 25.5, 0.8823)));
  }

  private static ObjectNode header() {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("started", "2026-12-06T18:00:00Z");
    h.put("cores", 2);
    return h;
  }

  private static Report full() {
    List<SparkRun> runs =
        List.of(
            run(
                "fashion-mnist.conf",
                Precision.DOUBLE,
                128,
                1.0,
                "spark",
                0.84,
                0.875,
                0.885,
                0.891),
            run(
                "fashion-mnist.conf",
                Precision.FLOAT,
                128,
                0.55,
                "spark",
                0.84,
                0.874,
                0.886,
                0.889),
            run(
                "fashion-mnist-barrier.conf",
                Precision.DOUBLE,
                256,
                0.7,
                "spark-barrier",
                0.83,
                0.86,
                0.9,
                0.905));
    List<SparkRun> sweep =
        List.of(
            run("fashion-mnist.conf", Precision.FLOAT, 512, 0.4, "spark", 0.8, 0.85),
            run("fashion-mnist.conf", Precision.DOUBLE, 512, 0.8, "spark", 0.8, 0.851),
            run("fashion-mnist.conf", Precision.DOUBLE, 64, 1.3, "spark", 0.82, 0.86),
            run("fashion-mnist.conf", Precision.FLOAT, 64, 0.9, "spark", 0.82, 0.859));
    return new Report(
        header(),
        List.of(
            new CpuMonitor.Phase("gemm", 20.0, 1.0, 0.1),
            new CpuMonitor.Phase("sparkmlp fashion-mnist double", 60.0, 1.9, 0.75)),
        gemm(),
        step(),
        floatStep(),
        new CoreEpochRun(128, 468, 5.5, 0.5, 0.8612),
        new SparkFloor(50, 203_530, 0.8, 1.5, 1.1, 2.3, 2.9),
        runs,
        sweep,
        mlpc());
  }

  /** Our runs, none reaching 0.88, and MLPC; everything else skipped. */
  private static Report slowRunsOnly() {
    return new Report(
        header(),
        List.of(),
        null,
        null,
        null,
        null,
        null,
        List.of(run("small.conf", Precision.DOUBLE, 64, 2.0, "spark", 0.7, 0.8)),
        List.of(),
        mlpc());
  }

  private static Report nothing() {
    return new Report(
        header(), List.of(), null, null, null, null, null, List.of(), List.of(), null);
  }

  private static String printed(Report r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r.print(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The written JSON, without the one figure read from the environment. */
  private String written(Report r, String stamp) throws IOException {
    Path json = r.write(dir, stamp);
    assertEquals(dir.resolve(stamp + ".json"), json);
    String text = Files.readString(json, StandardCharsets.UTF_8);
    assertEquals(text, Files.readString(dir.resolve("latest.json"), StandardCharsets.UTF_8));
    // MLPC's entry records OPENBLAS_NUM_THREADS as the benchmark found it
    return text.replaceAll(
        "(\"openblas_num_threads\" : )(null|\"[^\"]*\")(,\\n\\s*\"features\")", "$1\"<env>\"$3");
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = ReportTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void assertGolden(String name, String actual) throws IOException {
    String update = System.getProperty("sparkmlp.golden.update");
    if (update != null) {
      Path p = Path.of(update).resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, actual, StandardCharsets.UTF_8);
    }
    assertEquals(golden(name), actual, name);
  }

  @Test
  void fullReportPrintsTheGoldenTableAndComparisonLines() throws IOException {
    assertGolden("report-full.txt", printed(full()));
  }

  @Test
  void fullReportWritesTheGoldenJsonAndChart() throws IOException {
    assertGolden("report-full.json", written(full(), "full"));
    assertTrue(Files.size(dir.resolve("accuracy-vs-time.png")) > 0);
  }

  @Test
  void runsThatNeverReachTheTargetArePrintedAsNotReached() throws IOException {
    assertGolden("report-slow.txt", printed(slowRunsOnly()));
    assertGolden("report-slow.json", written(slowRunsOnly(), "slow"));
  }

  @Test
  void aReportWithEverythingSkippedHasOnlyItsFrame() throws IOException {
    assertGolden("report-empty.txt", printed(nothing()));
    assertGolden("report-empty.json", written(nothing(), "empty"));
    assertFalse(Files.exists(dir.resolve("accuracy-vs-time.png")));
  }
}

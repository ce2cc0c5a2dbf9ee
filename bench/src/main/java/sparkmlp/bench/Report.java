package sparkmlp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import sparkmlp.core.data.Precision;
import sparkmlp.core.format.Json;

/**
 * The benchmark's outcome: the side-by-side table and the ratios against their targets on the
 * console, everything as JSON, and test accuracy against wall time for every run as a PNG. Any part
 * may be missing (skipped); the figures that need it are then left out. The table is {@link
 * ResultsTable}, the lines under it {@link ComparisonLines}, the document {@link ReportJson}; this
 * record holds the measurements and the queries over its runs that they share.
 *
 * @param runs sparkmlp's runs: each config at each precision, the first config's first
 * @param sweep short runs of the first config at other batch sizes, each at each precision
 */
record Report(
    ObjectNode header,
    List<CpuMonitor.Phase> load,
    GemmBench.Result gemm,
    StepBench.Result step,
    FloatStep floatStep,
    CoreEpochRun coreEpoch,
    SparkFloor floor,
    List<SparkRun> runs,
    List<SparkRun> sweep,
    MlpcRun mlpc) {

  private static final ObjectMapper JSON = Json.MAPPER;

  /** Prints the table and the comparison lines. */
  void print(PrintStream out) {
    out.println();
    out.println("=".repeat(ResultsTable.WIDTH));
    new ResultsTable(this).print(out);
    out.println();
    for (String line : ComparisonLines.of(this)) {
      out.println(line);
    }
    for (CpuMonitor.Phase p : load) {
      if (p.otherCores() > CpuMonitor.BUSY_THRESHOLD) {
        out.printf(
            Locale.ROOT,
            "WARNING: other processes used %.2f cores on average during '%s' (%.0f s): those"
                + " timings are not this machine's; rerun on a quiet machine%n",
            p.otherCores(),
            p.name(),
            p.seconds());
      }
    }
    out.println("=".repeat(ResultsTable.WIDTH));
  }

  /** The first config's run at {@code precision}, whose network the core step phases measured. */
  SparkRun first(Precision precision) {
    if (runs.isEmpty()) {
      return null;
    }
    String config = runs.get(0).config();
    return runs.stream()
        .filter(r -> r.config().equals(config) && r.precision() == precision)
        .findFirst()
        .orElse(null);
  }

  /**
   * Pairs of runs of one config and batch at both precisions, the main runs' first, then the
   * sweep's by batch: double, float.
   */
  List<SparkRun[]> precisionPairs() {
    List<SparkRun> all = new ArrayList<>(runs);
    sweep.stream().sorted(Comparator.comparingInt(SparkRun::batch)).forEach(all::add);
    List<SparkRun[]> pairs = new ArrayList<>();
    for (SparkRun d : all) {
      if (d.precision() != Precision.DOUBLE) {
        continue;
      }
      all.stream()
          .filter(
              f ->
                  f.precision() == Precision.FLOAT
                      && f.config().equals(d.config())
                      && f.batch() == d.batch()
                      && f.epochs().size() == d.epochs().size())
          .findFirst()
          .ifPresent(f -> pairs.add(new SparkRun[] {d, f}));
    }
    return pairs;
  }

  /** The run that first reached {@code target}, soonest; null if none did. */
  SparkRun soonestTo(double target) {
    SparkRun best = null;
    for (SparkRun r : runs) {
      double t = r.timeTo(target);
      if (!Double.isNaN(t) && (best == null || t < best.timeTo(target))) {
        best = r;
      }
    }
    return best;
  }

  /**
   * GFLOP/s of a run's Spark steps: examples per second of the median epoch's steps × FLOP per
   * example.
   */
  double sparkGflops(SparkRun r) {
    return r.numTrain() / r.medianStepsSeconds() * step.flopsPerExample() / 1e9;
  }

  /**
   * Seconds an epoch of {@code r} would take if both cores ran its FLOPs at the rate of the step's
   * GEMMs back to back on two threads ({@code sgemm} for a float run, {@code dgemm} for a double
   * one): the bound issue 24 measures the epoch against. NaN without the GEMM and step phases.
   */
  double epochBoundSeconds(SparkRun r) {
    if (gemm == null || step == null) {
      return Double.NaN;
    }
    double rate =
        r.precision() == Precision.FLOAT
            ? gemm.sgemmTwoThreads().best()
            : gemm.dgemmTwoThreads().best();
    return r.numTrain() * (double) step.flopsPerExample() / (rate * 1e9);
  }

  /** All figures as one JSON document. */
  ObjectNode toJson() {
    return ReportJson.of(this);
  }

  /**
   * Writes {@code <stamp>.json} and {@code latest.json}, and the chart, into {@code dir}; returns
   * the JSON path.
   */
  Path write(Path dir, String stamp) {
    try {
      Files.createDirectories(dir);
      Path json = dir.resolve(stamp + ".json");
      Files.writeString(
          json,
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ReportJson.nanToNull(toJson()))
              + "\n");
      Files.copy(json, dir.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
      if (!runs.isEmpty() || mlpc != null) {
        Files.write(dir.resolve("accuracy-vs-time.png"), AccuracyChart.png(runs, mlpc));
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results to " + dir, e);
    }
  }
}

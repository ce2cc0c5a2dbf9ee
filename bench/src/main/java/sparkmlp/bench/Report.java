package sparkmlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
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
import java.util.function.DoubleUnaryOperator;
import sparkmlp.core.data.Precision;
import sparkmlp.core.format.Json;

/**
 * The benchmark's outcome: the side-by-side table and the ratios against their targets on the
 * console, everything as JSON, and test accuracy against wall time for every run as a PNG. Any part
 * may be missing (skipped); the figures that need it are then left out.
 *
 * @param runs sparkmlp's runs: each config at each precision, the first config's first
 * @param sweep short runs of the first config at other batch sizes, each at each precision
 */
record Report(
    ObjectNode header,
    List<CpuMonitor.Phase> load,
    GemmBench.Result gemm,
    StepBench.Result step,
    StepBench.FloatStep floatStep,
    CoreEpochRun coreEpoch,
    SparkFloor floor,
    List<SparkRun> runs,
    List<SparkRun> sweep,
    MlpcRun mlpc) {

  /** Test accuracies whose time-to-reach is reported. */
  static final double[] TARGETS = {0.85, 0.88, 0.89, 0.90};

  /** Our time to 0.88 over MLPC's time to its best accuracy, at most (issue 13: 1/20). */
  private static final double RATIO_TARGET = 0.05;

  /** A float run's epoch over the double run's, same config and batch, at most. */
  private static final double PRECISION_TARGET = 0.6;

  private static final ObjectMapper JSON = Json.MAPPER;
  private static final int WIDTH = 126;

  /** Prints the table and the comparison lines. */
  void print(PrintStream out) {
    out.println();
    out.println("=".repeat(WIDTH));
    out.printf(
        Locale.ROOT,
        "%-22s %-40s %8s %8s %7s %7s %7s %7s  %s%n",
        "system",
        "setting",
        "train s",
        "best acc",
        "t→0.85",
        "t→0.88",
        "t→0.89",
        "t→0.90",
        "notes");
    out.println("-".repeat(WIDTH));
    for (SparkRun r : runs) {
      row(
          out,
          "sparkmlp local[2]",
          r.label() + ", batch " + r.batch() + ", " + r.epochs().size() + " ep",
          r.trainSeconds(),
          r.bestAccuracy(),
          r::timeTo,
          String.format(
              Locale.ROOT,
              "+%.1f s prep; final %.4f; epoch %.2f s",
              r.prepareSeconds(),
              r.finalTestAccuracy(),
              r.medianEpochSeconds()));
    }
    if (coreEpoch != null) {
      out.printf(
          Locale.ROOT,
          "%-22s %-40s %8.1f %8.4f %7s %7s %7s %7s  %s%n",
          "core Trainer 1 thread",
          "1 epoch, batch " + coreEpoch.batch(),
          coreEpoch.epochSeconds(),
          coreEpoch.testAccuracy(),
          "",
          "",
          "",
          "",
          "single-process reference epoch");
    }
    if (mlpc != null) {
      for (MlpcRun.Fit f : mlpc.fits()) {
        row(
            out,
            "MLlib MLPC local[2]",
            f.setting(),
            f.seconds(),
            f.testAccuracy(),
            x -> f.testAccuracy() >= x ? f.seconds() : Double.NaN,
            "blockSize " + mlpc.blockSize() + ", sigmoid hidden");
      }
      for (MlpcRun.Fit f : mlpc.stageFits()) {
        row(
            out,
            "MlpClassifier local[2]",
            f.solver().substring("MlpClassifier ".length()) + ", " + f.maxIter() + " epochs",
            f.seconds(),
            f.testAccuracy(),
            x -> f.testAccuracy() >= x ? f.seconds() : Double.NaN,
            "sparkmlp.ml stage on MLPC's DataFrame; fit() wall time");
      }
    }
    out.println("-".repeat(WIDTH));
    out.println(
        "train s: sparkmlp = sum of epoch seconds (steps + per-epoch test evaluation); MLPC ="
            + " fit() wall time. t→x: training seconds until the test accuracy first reached x"
            + " ('-' = not reached).");
    out.println();
    for (String line : comparisonLines()) {
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
    out.println("=".repeat(WIDTH));
  }

  private static void row(
      PrintStream out,
      String system,
      String setting,
      double seconds,
      double accuracy,
      DoubleUnaryOperator timeTo,
      String notes) {
    out.printf(
        Locale.ROOT,
        "%-22s %-40s %8.1f %8.4f %7s %7s %7s %7s  %s%n",
        system,
        clip(setting, 40),
        seconds,
        accuracy,
        secs(timeTo.applyAsDouble(TARGETS[0])),
        secs(timeTo.applyAsDouble(TARGETS[1])),
        secs(timeTo.applyAsDouble(TARGETS[2])),
        secs(timeTo.applyAsDouble(TARGETS[3])),
        notes);
  }

  /** The first config's run at {@code precision}, whose network the core step phases measured. */
  private SparkRun first(Precision precision) {
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
  private List<SparkRun[]> precisionPairs() {
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
  private SparkRun soonestTo(double target) {
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
  private double sparkGflops(SparkRun r) {
    return r.numTrain() / r.medianStepsSeconds() * step.flopsPerExample() / 1e9;
  }

  private List<String> comparisonLines() {
    List<String> lines = new ArrayList<>();
    if (gemm != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "hardware: dgemm %.2f GFLOP/s (1 thread, FLOP-weighted over the step's GEMMs),"
                  + " %.2f on 2 threads; sgemm %.2f / %.2f; square %d³ dgemm %.2f",
              gemm.dgemmWeighted(),
              gemm.dgemmTwoThreads().best(),
              gemm.sgemmWeighted(),
              gemm.sgemmTwoThreads().best(),
              gemm.square().shape().m(),
              gemm.square().dgemm().best()));
    }
    if (step != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "core step (1 thread, batch %d): %.3f ms = gather %.3f + gradient %.3f + "
                  + "update %.3f; %,.0f examples/s; %.2f GFLOP/s (gradient+update %.2f)",
              step.batch(),
              step.step().median() * 1e3,
              step.phases().gather() * 1e3,
              step.phases().gradient() * 1e3,
              step.phases().update() * 1e3,
              step.examplesPerSecond(),
              step.gflops(),
              step.computeGflops()));
      if (gemm != null) {
        lines.add(
            target(
                    "η = core GFLOP/s ÷ 1-thread dgemm (gradient+update on a gathered batch)",
                    step.computeGflops() / gemm.dgemmWeighted(),
                    "≥",
                    0.6)
                + String.format(
                    Locale.ROOT, "; with gather %.2f", step.gflops() / gemm.dgemmWeighted()));
      }
    }
    if (floatStep != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "core float step (1 thread, batch %d): %.3f ms = round weights %.3f + gather and"
                  + " gradient %.3f + widen and update %.3f; %.2f GFLOP/s%s",
              floatStep.batch(),
              floatStep.step().median() * 1e3,
              floatStep.round() * 1e3,
              floatStep.gradient() * 1e3,
              floatStep.update() * 1e3,
              floatStep.gflops(),
              step == null
                  ? ""
                  : String.format(
                      Locale.ROOT,
                      "; ÷ double step %.3f",
                      floatStep.step().median() / step.step().median())));
      if (gemm != null) {
        lines.add(
            target(
                "η float = core float GFLOP/s (with gather) ÷ 1-thread sgemm",
                floatStep.gflops() / gemm.sgemmWeighted(),
                "≥",
                0.6));
      }
    }
    if (step != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "core on 2 threads: own halves %.2f s/epoch (%,.0f ex/s); synchronous "
                  + "data-parallel %.2f s/epoch = %.3f ms/step (Spark's scheme without Spark)",
              step.halvesEpoch(),
              step.halvesExamples() / step.halvesEpoch(),
              step.syncEpoch(),
              step.syncEpoch() / step.syncSteps() * 1e3));
    }
    for (SparkRun r : runs) {
      int steps = r.stepsPerEpoch();
      double stepsOnly = r.medianStepsSeconds();
      StepJobListener.StepStats j = r.stepStats();
      if (r.barrier()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "sparkmlp %s epoch: median %.2f s (%.2f s without the test evaluation) for %d"
                    + " steps = %.3f ms/step with resident barrier tasks (one stage an epoch, no"
                    + " job a step); cached %.3f × 8 B per feature value",
                r.label(),
                r.medianEpochSeconds(),
                stepsOnly,
                steps,
                stepsOnly / steps * 1e3,
                r.cachedRatio()));
        continue;
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "sparkmlp %s epoch: median %.2f s (%.2f s without the test evaluation) for %d"
                  + " steps = %.3f ms/step, of which %.3f ms outside the slowest task; cached"
                  + " %.3f × 8 B per feature value",
              r.label(),
              r.medianEpochSeconds(),
              stepsOnly,
              steps,
              stepsOnly / steps * 1e3,
              stepsOnly / steps * 1e3 - j.maxTaskRunMs(),
              r.cachedRatio()));
      lines.add(
          String.format(
              Locale.ROOT,
              "  step jobs (Spark listener, means): job %.2f ms, slowest task run %.2f ms"
                  + " (cpu %.2f), task deserialize %.2f, scheduler delay %.2f, result serialize"
                  + " %.2f, GC %.2f ms, result %,.0f B; driver gap between jobs %.2f ms",
              j.jobMs(),
              j.maxTaskRunMs(),
              j.taskCpuMs(),
              j.taskDeserializeMs(),
              j.schedulerDelayMs(),
              j.taskResultSerializeMs(),
              j.gcMs(),
              j.resultBytes(),
              j.gapMs()));
    }
    SparkRun ours = first(Precision.DOUBLE);
    if (ours != null && step != null) {
      int steps = ours.stepsPerEpoch();
      double stepsOnly = ours.medianStepsSeconds();
      if (gemm != null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "η on all cores (examples/s × FLOP/example ÷ 2-thread dgemm %.2f GFLOP/s):"
                    + " Spark step %.3f (%.2f GFLOP/s), core step %.3f (1 thread)",
                gemm.dgemmTwoThreads().best(),
                sparkGflops(ours) / gemm.dgemmTwoThreads().best(),
                sparkGflops(ours),
                step.computeGflops() / gemm.dgemmTwoThreads().best()));
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "Spark overhead per step (%s): %.3f ms vs the 1-thread core step (%.3f ms); "
                  + "%.3f ms vs the 2-thread synchronous step (%.3f ms)",
              ours.label(),
              (stepsOnly - steps * step.step().median()) / steps * 1e3,
              step.step().median() * 1e3,
              (stepsOnly - step.syncEpoch()) / steps * 1e3,
              step.syncEpoch() / step.syncSteps() * 1e3));
    }
    if (floor != null) {
      lines.add(
          String.format(
              Locale.ROOT,
              "  Spark floor per step (no training): empty job %.2f ms (%.2f ms through"
                  + " runJob without closure cleaning), + weight broadcast %.2f ms, +"
                  + " gradient-sized task results %.2f ms; the broadcast alone (no job) %.2f ms",
              floor.emptyMs(),
              floor.emptyRunJobMs(),
              floor.broadcastMs(),
              floor.broadcastAndResultMs(),
              floor.broadcastOnlyMs()));
    }
    if (ours != null && coreEpoch != null) {
      lines.add(
          target(
                  "Spark epoch ÷ core single-process epoch ("
                      + ours.label()
                      + ", both with test evaluation)",
                  ours.medianEpochSeconds() / coreEpoch.epochSeconds(),
                  "≤",
                  1.5)
              + String.format(
                  Locale.ROOT,
                  "; without evaluation %.2f s ÷ %.2f s = %.2f",
                  ours.medianStepsSeconds(),
                  coreEpoch.stepsSeconds(),
                  ours.medianStepsSeconds() / coreEpoch.stepsSeconds()));
    }
    for (SparkRun[] pair : precisionPairs()) {
      SparkRun d = pair[0];
      SparkRun f = pair[1];
      lines.add(
          target(
                  String.format(
                      Locale.ROOT,
                      "float epoch ÷ double epoch, %s, batch %d, %d epochs (steps only: %.2f s"
                          + " ÷ %.2f s)",
                      d.config(),
                      d.batch(),
                      d.epochs().size(),
                      f.medianStepsSeconds(),
                      d.medianStepsSeconds()),
                  f.medianStepsSeconds() / d.medianStepsSeconds(),
                  "≤",
                  PRECISION_TARGET)
              + String.format(
                  Locale.ROOT,
                  "; with the test evaluation %.3f; best accuracy %.4f float vs %.4f double",
                  f.medianEpochSeconds() / d.medianEpochSeconds(),
                  f.bestAccuracy(),
                  d.bestAccuracy()));
    }
    for (double x : new double[] {0.88, 0.89, 0.90}) {
      SparkRun r = soonestTo(x);
      if (r != null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "soonest to %.2f: %s, %.1f s of training (epoch %d; %.1f s with data prep)",
                x,
                r.label(),
                r.timeTo(x),
                r.epochTo(x),
                r.timeTo(x) + r.prepareSeconds()));
      }
    }
    if (!runs.isEmpty() && mlpc != null && mlpc.best() != null) {
      MlpcRun.Fit best = mlpc.best();
      SparkRun r = soonestTo(0.88);
      if (r == null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "our time to 0.88 ÷ MLPC's time to its best (%.4f, %s, %.1f s): n/a —"
                    + " no sparkmlp run reached 0.88",
                best.testAccuracy(),
                best.setting(),
                best.seconds()));
      } else {
        double t88 = r.timeTo(0.88);
        lines.add(
            target(
                    String.format(
                        Locale.ROOT,
                        "our time to 0.88 (%s, %.1f s) ÷ MLPC's time to its best (%.4f, %s,"
                            + " %.1f s)",
                        r.label(),
                        t88,
                        best.testAccuracy(),
                        best.setting(),
                        best.seconds()),
                    t88 / best.seconds(),
                    "≤",
                    RATIO_TARGET)
                + String.format(Locale.ROOT, " (1/%.1f)", best.seconds() / t88));
      }
      SparkRun atBest = soonestTo(best.testAccuracy());
      lines.add(
          String.format(
              Locale.ROOT,
              "our time to MLPC's best accuracy %.4f: %s",
              best.testAccuracy(),
              atBest == null
                  ? "not reached"
                  : String.format(
                      Locale.ROOT,
                      "%s, %.1f s = 1/%.1f of MLPC's %.1f s",
                      atBest.label(),
                      atBest.timeTo(best.testAccuracy()),
                      best.seconds() / atBest.timeTo(best.testAccuracy()),
                      best.seconds())));
    }
    return lines;
  }

  /** All figures as one JSON document. */
  ObjectNode toJson() {
    ObjectNode root = header.deepCopy();
    if (gemm != null) {
      root.set("hardware_gemm", gemm.toJson());
    }
    if (step != null) {
      root.set("core_step", step.toJson(gemm == null ? Double.NaN : gemm.dgemmWeighted()));
    }
    if (floatStep != null) {
      root.set(
          "core_float_step", floatStep.toJson(gemm == null ? Double.NaN : gemm.sgemmWeighted()));
    }
    if (coreEpoch != null) {
      root.set("core_single_process_epoch", coreEpoch.toJson());
    }
    if (floor != null) {
      root.set("spark_floor", floor.toJson());
    }
    ArrayNode rs = root.putArray("sparkmlp_runs");
    runs.forEach(r -> rs.add(r.toJson()));
    ArrayNode ss = root.putArray("sparkmlp_precision_by_batch_runs");
    sweep.forEach(r -> ss.add(r.toJson()));
    if (mlpc != null) {
      root.set("mllib_mlpc", mlpc.toJson());
    }
    ObjectNode c = root.putObject("comparison");
    if (step != null && gemm != null) {
      c.put("eta_gradient_plus_update", step.computeGflops() / gemm.dgemmWeighted());
      c.put("eta_step_with_gather", step.gflops() / gemm.dgemmWeighted());
      c.put("eta_target_min", 0.6);
    }
    if (floatStep != null && gemm != null) {
      c.put("eta_float_step_against_sgemm", floatStep.gflops() / gemm.sgemmWeighted());
    }
    SparkRun ours = first(Precision.DOUBLE);
    if (ours != null && step != null) {
      int steps = ours.stepsPerEpoch();
      double stepsOnly = ours.medianStepsSeconds();
      c.put(
          "spark_overhead_ms_per_step_vs_1_thread_core_step",
          (stepsOnly - steps * step.step().median()) / steps * 1e3);
      c.put(
          "spark_overhead_ms_per_step_vs_2_thread_synchronous_step",
          (stepsOnly - step.syncEpoch()) / steps * 1e3);
      if (gemm != null) {
        c.put("spark_step_gflops", sparkGflops(ours));
        c.put("eta_spark_step_all_cores", sparkGflops(ours) / gemm.dgemmTwoThreads().best());
        c.put("eta_core_step_all_cores", step.computeGflops() / gemm.dgemmTwoThreads().best());
      }
    }
    if (ours != null && coreEpoch != null) {
      c.put("spark_epoch_over_core_epoch", ours.medianEpochSeconds() / coreEpoch.epochSeconds());
      c.put(
          "spark_epoch_over_core_epoch_without_evaluation",
          ours.medianStepsSeconds() / coreEpoch.stepsSeconds());
      c.put("spark_epoch_over_core_epoch_target_max", 1.5);
    }
    ArrayNode pairs = c.putArray("float_epoch_over_double_epoch");
    for (SparkRun[] pair : precisionPairs()) {
      ObjectNode o = pairs.addObject();
      o.put("config", pair[0].config());
      o.put("batch", pair[0].batch());
      o.put("epochs", pair[0].epochs().size());
      o.put("double_epoch_steps_seconds", pair[0].medianStepsSeconds());
      o.put("float_epoch_steps_seconds", pair[1].medianStepsSeconds());
      o.put("steps_only", pair[1].medianStepsSeconds() / pair[0].medianStepsSeconds());
      o.put("with_test_evaluation", pair[1].medianEpochSeconds() / pair[0].medianEpochSeconds());
      o.put("target_max", PRECISION_TARGET);
    }
    ObjectNode soonest = c.putObject("soonest_run_to_accuracy");
    for (double x : TARGETS) {
      SparkRun r = soonestTo(x);
      ObjectNode o = soonest.putObject(String.valueOf(x));
      o.put("run", r == null ? null : r.label());
      o.put("training_seconds", r == null ? Double.NaN : r.timeTo(x));
    }
    if (!runs.isEmpty() && mlpc != null && mlpc.best() != null) {
      MlpcRun.Fit best = mlpc.best();
      SparkRun r = soonestTo(0.88);
      double t88 = r == null ? Double.NaN : r.timeTo(0.88);
      c.put("mlpc_best_setting", best.setting());
      c.put("mlpc_best_accuracy", best.testAccuracy());
      c.put("mlpc_best_seconds", best.seconds());
      c.put("ours_seconds_to_0.88", t88);
      c.put("ours_to_0.88_over_mlpc_best", t88 / best.seconds());
      c.put("ours_to_0.88_over_mlpc_best_target_max", RATIO_TARGET);
      SparkRun atBest = soonestTo(best.testAccuracy());
      double tBest = atBest == null ? Double.NaN : atBest.timeTo(best.testAccuracy());
      c.put("ours_seconds_to_mlpc_best_accuracy", tBest);
      c.put("ours_to_mlpc_best_accuracy_over_mlpc_best", tBest / best.seconds());
    }
    return root;
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
          JSON.writerWithDefaultPrettyPrinter().writeValueAsString(nanToNull(toJson())) + "\n");
      Files.copy(json, dir.resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
      if (!runs.isEmpty() || mlpc != null) {
        Files.write(dir.resolve("accuracy-vs-time.png"), AccuracyChart.png(runs, mlpc));
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the results to " + dir, e);
    }
  }

  /** JSON has no NaN: figures that could not be computed (a target never reached) become null. */
  private static JsonNode nanToNull(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode v = o.get(name);
        if (v.isDouble() && !Double.isFinite(v.doubleValue())) {
          o.putNull(name);
        } else {
          nanToNull(v);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = a.get(i);
        if (v.isDouble() && !Double.isFinite(v.doubleValue())) {
          a.set(i, NullNode.getInstance());
        } else {
          nanToNull(v);
        }
      }
    }
    return node;
  }

  private static String target(String what, double value, String relation, double bound) {
    boolean ok = relation.equals("≤") ? value <= bound : value >= bound;
    return String.format(
        Locale.ROOT,
        "%s: %.3f (target %s %.2f: %s)",
        what,
        value,
        relation,
        bound,
        Double.isNaN(value) ? "n/a" : ok ? "met" : "NOT met");
  }

  private static String secs(double s) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f", s);
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}

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
import java.util.List;
import java.util.Locale;
import sparkmlp.core.format.Json;

/**
 * The benchmark's outcome: the side-by-side table and the ratios against their targets on the
 * console, everything as JSON, and test accuracy against wall time for both systems as a PNG. Any
 * part may be missing (skipped); the figures that need it are then left out.
 */
record Report(
    ObjectNode header,
    List<CpuMonitor.Phase> load,
    GemmBench.Result gemm,
    StepBench.Result step,
    CoreEpochRun coreEpoch,
    SparkFloor floor,
    SparkRun ours,
    MlpcRun mlpc) {

  /** Test accuracies whose time-to-reach is reported. */
  static final double[] TARGETS = {0.85, 0.88, 0.895};

  private static final double RATIO_TARGET = 0.1;
  private static final double RATIO_AIM = 0.05;
  private static final ObjectMapper JSON = Json.MAPPER;

  /** Prints the table and the comparison lines. */
  void print(PrintStream out) {
    out.println();
    out.println("=".repeat(118));
    out.printf(
        Locale.ROOT,
        "%-22s %-36s %9s %9s %8s %8s %8s  %s%n",
        "system",
        "setting",
        "train s",
        "test acc",
        "t→0.85",
        "t→0.88",
        "t→0.895",
        "notes");
    out.println("-".repeat(118));
    if (ours != null) {
      out.printf(
          Locale.ROOT,
          "%-22s %-36s %9.1f %9.4f %8s %8s %8s  %s%n",
          "sparkmlp local[2]",
          clip(ours.settings(), 36),
          ours.trainSeconds(),
          ours.bestAccuracy(),
          secs(ours.timeTo(0.85)),
          secs(ours.timeTo(0.88)),
          secs(ours.timeTo(0.895)),
          String.format(
              Locale.ROOT,
              "%d epochs; +%.1f s data prep; final %.4f",
              ours.epochs().size(),
              ours.prepareSeconds(),
              ours.finalTestAccuracy()));
    }
    if (coreEpoch != null) {
      out.printf(
          Locale.ROOT,
          "%-22s %-36s %9.1f %9.4f %8s %8s %8s  %s%n",
          "core Trainer 1 thread",
          "1 epoch, batch " + coreEpoch.batch(),
          coreEpoch.epochSeconds(),
          coreEpoch.testAccuracy(),
          "",
          "",
          "",
          "single-process reference epoch");
    }
    if (mlpc != null) {
      for (MlpcRun.Fit f : mlpc.fits()) {
        out.printf(
            Locale.ROOT,
            "%-22s %-36s %9.1f %9.4f %8s %8s %8s  %s%n",
            "MLlib MLPC local[2]",
            f.setting(),
            f.seconds(),
            f.testAccuracy(),
            f.testAccuracy() >= 0.85 ? secs(f.seconds()) : "-",
            f.testAccuracy() >= 0.88 ? secs(f.seconds()) : "-",
            f.testAccuracy() >= 0.895 ? secs(f.seconds()) : "-",
            "blockSize " + mlpc.blockSize() + ", sigmoid hidden");
      }
      for (MlpcRun.Fit f : mlpc.stageFits()) {
        out.printf(
            Locale.ROOT,
            "%-22s %-36s %9.1f %9.4f %8s %8s %8s  %s%n",
            "MlpClassifier local[2]",
            f.solver().substring("MlpClassifier ".length()) + ", " + f.maxIter() + " epochs",
            f.seconds(),
            f.testAccuracy(),
            f.testAccuracy() >= 0.85 ? secs(f.seconds()) : "-",
            f.testAccuracy() >= 0.88 ? secs(f.seconds()) : "-",
            f.testAccuracy() >= 0.895 ? secs(f.seconds()) : "-",
            "sparkmlp.ml stage on MLPC's DataFrame; fit() wall time");
      }
    }
    out.println("-".repeat(118));
    out.println(
        "train s: sparkmlp = sum of epoch seconds (steps + per-epoch test evaluation); MLPC = fit() wall time."
            + " t→x: training seconds until the test accuracy first reached x ('-' = not reached).");
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
    out.println("=".repeat(118));
  }

  /**
   * GFLOP/s of sparkmlp's Spark steps: examples per second of the median epoch's steps × FLOP per
   * example.
   */
  private double sparkGflops() {
    return ours.numTrain() / ours.medianStepsSeconds() * step.flopsPerExample() / 1e9;
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
    if (ours != null) {
      int steps = ours.stepsPerEpoch();
      double stepsOnly = ours.medianStepsSeconds();
      lines.add(
          String.format(
              Locale.ROOT,
              "sparkmlp epoch: median %.2f s (%.2f s without the test evaluation) for %d steps"
                  + " = %.3f ms/step",
              ours.medianEpochSeconds(),
              stepsOnly,
              steps,
              stepsOnly / steps * 1e3));
      if (step != null && gemm != null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "η on all cores (examples/s × FLOP/example ÷ 2-thread dgemm %.2f GFLOP/s):"
                    + " Spark step %.3f (%.2f GFLOP/s), core step %.3f (1 thread)",
                gemm.dgemmTwoThreads().best(),
                sparkGflops() / gemm.dgemmTwoThreads().best(),
                sparkGflops(),
                step.computeGflops() / gemm.dgemmTwoThreads().best()));
      }
      if (step != null) {
        double compute = steps * step.step().median();
        lines.add(
            String.format(
                Locale.ROOT,
                "Spark overhead per step: %.3f ms vs the 1-thread core step (%.3f ms); "
                    + "%.3f ms vs the 2-thread synchronous step (%.3f ms)",
                (stepsOnly - compute) / steps * 1e3,
                step.step().median() * 1e3,
                (stepsOnly - step.syncEpoch()) / steps * 1e3,
                step.syncEpoch() / step.syncSteps() * 1e3));
      }
      if (floor != null) {
        lines.add(
            String.format(
                Locale.ROOT,
                "  Spark floor per step (no training): empty job %.2f ms (%.2f ms through"
                    + " runJob without closure cleaning), + weight broadcast %.2f ms, + gradient-sized task results %.2f ms;"
                    + " the broadcast alone (no job) %.2f ms",
                floor.emptyMs(),
                floor.emptyRunJobMs(),
                floor.broadcastMs(),
                floor.broadcastAndResultMs(),
                floor.broadcastOnlyMs()));
      }
      StepJobListener.StepStats j = ours.stepStats();
      lines.add(
          String.format(
              Locale.ROOT,
              "  step jobs (Spark listener, means): job %.2f ms, slowest task run %.2f ms"
                  + " (cpu %.2f), task deserialize %.2f, scheduler delay %.2f, result serialize %.2f, GC %.2f ms, result %,.0f B;"
                  + " driver gap between jobs %.2f ms",
              j.jobMs(),
              j.maxTaskRunMs(),
              j.taskCpuMs(),
              j.taskDeserializeMs(),
              j.schedulerDelayMs(),
              j.taskResultSerializeMs(),
              j.gcMs(),
              j.resultBytes(),
              j.gapMs()));
      if (coreEpoch != null) {
        lines.add(
            target(
                    "Spark epoch ÷ core single-process epoch (both with test evaluation)",
                    ours.medianEpochSeconds() / coreEpoch.epochSeconds(),
                    "≤",
                    1.5)
                + String.format(
                    Locale.ROOT,
                    "; without evaluation %.2f s ÷ %.2f s = %.2f",
                    stepsOnly,
                    coreEpoch.stepsSeconds(),
                    stepsOnly / coreEpoch.stepsSeconds()));
      }
      lines.add(
          target("cached bytes per example ÷ (8 × features)", ours.cachedRatio(), "≤", 1.1)
              + (ours.sparkCachedBytes() > 0
                  ? String.format(
                      Locale.ROOT,
                      "; Spark's block manager reports %.3f",
                      ours.sparkCachedBytes() / (8.0 * ours.features() * ours.numTrain()))
                  : ""));
    }
    if (ours != null && mlpc != null && mlpc.best() != null) {
      MlpcRun.Fit best = mlpc.best();
      double ours88 = ours.timeTo(0.88);
      if (Double.isNaN(ours88)) {
        lines.add(
            String.format(
                Locale.ROOT,
                "our time to 0.88 ÷ MLPC's time to its best (%.4f, %s, %.1f s): n/a —"
                    + " sparkmlp did not reach 0.88 (best %.4f in %d epochs)",
                best.testAccuracy(),
                best.setting(),
                best.seconds(),
                ours.bestAccuracy(),
                ours.epochs().size()));
      } else {
        lines.add(
            target(
                    String.format(
                        Locale.ROOT,
                        "our time to 0.88 (%.1f s) ÷ MLPC's time to its best (%.4f, %s, %.1f s)",
                        ours88,
                        best.testAccuracy(),
                        best.setting(),
                        best.seconds()),
                    ours88 / best.seconds(),
                    "≤",
                    RATIO_TARGET)
                + String.format(
                    Locale.ROOT, " (aim %.2f; 1/%.1f)", RATIO_AIM, best.seconds() / ours88));
      }
      double oursAtBest = ours.timeTo(best.testAccuracy());
      lines.add(
          String.format(
              Locale.ROOT,
              "our time to MLPC's best accuracy %.4f: %s",
              best.testAccuracy(),
              Double.isNaN(oursAtBest)
                  ? "not reached"
                  : String.format(
                      Locale.ROOT,
                      "%.1f s = 1/%.1f of MLPC's %.1f s",
                      oursAtBest,
                      best.seconds() / oursAtBest,
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
    if (coreEpoch != null) {
      root.set("core_single_process_epoch", coreEpoch.toJson());
    }
    if (floor != null) {
      root.set("spark_floor", floor.toJson());
    }
    if (ours != null) {
      root.set("sparkmlp", ours.toJson());
    }
    if (mlpc != null) {
      root.set("mllib_mlpc", mlpc.toJson());
    }
    ObjectNode c = root.putObject("comparison");
    if (step != null && gemm != null) {
      c.put("eta_gradient_plus_update", step.computeGflops() / gemm.dgemmWeighted());
      c.put("eta_step_with_gather", step.gflops() / gemm.dgemmWeighted());
      c.put("eta_target_min", 0.6);
    }
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
        c.put("spark_step_gflops", sparkGflops());
        c.put("eta_spark_step_all_cores", sparkGflops() / gemm.dgemmTwoThreads().best());
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
    if (ours != null) {
      c.put("cached_bytes_over_8_per_feature", ours.cachedRatio());
      c.put("cached_bytes_target_max", 1.1);
    }
    if (ours != null && mlpc != null && mlpc.best() != null) {
      MlpcRun.Fit best = mlpc.best();
      c.put("mlpc_best_setting", best.setting());
      c.put("mlpc_best_accuracy", best.testAccuracy());
      c.put("mlpc_best_seconds", best.seconds());
      c.put("ours_seconds_to_0.88", ours.timeTo(0.88));
      c.put("ours_to_0.88_over_mlpc_best", ours.timeTo(0.88) / best.seconds());
      c.put("ours_to_0.88_over_mlpc_best_target_max", RATIO_TARGET);
      c.put("ours_to_0.88_over_mlpc_best_aim", RATIO_AIM);
      c.put("ours_seconds_to_mlpc_best_accuracy", ours.timeTo(best.testAccuracy()));
      c.put(
          "ours_to_mlpc_best_accuracy_over_mlpc_best",
          ours.timeTo(best.testAccuracy()) / best.seconds());
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
      if (ours != null || mlpc != null) {
        Files.write(dir.resolve("accuracy-vs-time.png"), AccuracyChart.png(ours, mlpc));
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

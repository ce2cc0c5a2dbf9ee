package sparkmlp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sparkmlp.core.data.Precision;

/**
 * The lines under the table: each measurement against what bounds it (the BLAS, the core step,
 * Spark's floor) and each ratio against its target. A line whose measurements were skipped is left
 * out.
 */
final class ComparisonLines {
  private final Report report;
  private final GemmBench.Result gemm;
  private final StepBench.Result step;
  private final FloatStep floatStep;
  private final List<String> lines = new ArrayList<>();

  private ComparisonLines(Report report) {
    this.report = report;
    this.gemm = report.gemm();
    this.step = report.step();
    this.floatStep = report.floatStep();
  }

  /** The comparison lines of {@code report}, in the order they are printed. */
  static List<String> of(Report report) {
    ComparisonLines c = new ComparisonLines(report);
    c.hardware();
    c.coreStep();
    c.coreFloatStep();
    c.coreOnTwoThreads();
    for (SparkRun r : report.runs()) {
      c.sparkEpoch(r);
      c.epochAgainstBound(r);
    }
    SparkRun ours = report.first(Precision.DOUBLE);
    c.sparkOverhead(ours);
    c.sparkFloor();
    c.sparkOverCoreEpoch(ours);
    for (SparkRun[] pair : report.precisionPairs()) {
      c.floatOverDouble(pair[0], pair[1]);
    }
    c.soonest();
    c.againstMlpc();
    return c.lines;
  }

  private void add(String format, Object... args) {
    lines.add(String.format(Locale.ROOT, format, args));
  }

  private void hardware() {
    if (gemm == null) {
      return;
    }
    add(
        "hardware: dgemm %.2f GFLOP/s (1 thread, FLOP-weighted over the step's GEMMs),"
            + " %.2f on 2 threads; sgemm %.2f / %.2f; square %d³ dgemm %.2f",
        gemm.dgemmWeighted(),
        gemm.dgemmTwoThreads().best(),
        gemm.sgemmWeighted(),
        gemm.sgemmTwoThreads().best(),
        gemm.square().shape().m(),
        gemm.square().dgemm().best());
  }

  private void coreStep() {
    if (step == null) {
      return;
    }
    add(
        "core step (1 thread, batch %d): %.3f ms = gather %.3f + gradient %.3f + "
            + "update %.3f; %,.0f examples/s; %.2f GFLOP/s (gradient+update %.2f)",
        step.batch(),
        step.step().median() * 1e3,
        step.phases().gather() * 1e3,
        step.phases().gradient() * 1e3,
        step.phases().update() * 1e3,
        step.examplesPerSecond(),
        step.gflops(),
        step.computeGflops());
    if (gemm != null) {
      lines.add(
          SpeedTargets.line(
                  "η = core GFLOP/s ÷ 1-thread dgemm (gradient+update on a gathered batch)",
                  step.computeGflops() / gemm.dgemmWeighted(),
                  "≥",
                  SpeedTargets.ETA)
              + String.format(
                  Locale.ROOT, "; with gather %.2f", step.gflops() / gemm.dgemmWeighted()));
    }
  }

  private void coreFloatStep() {
    if (floatStep == null) {
      return;
    }
    add(
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
                floatStep.step().median() / step.step().median()));
    if (gemm != null) {
      lines.add(
          SpeedTargets.line(
              "η float = core float GFLOP/s (with gather) ÷ 1-thread sgemm",
              floatStep.gflops() / gemm.sgemmWeighted(),
              "≥",
              SpeedTargets.ETA));
    }
  }

  private void coreOnTwoThreads() {
    if (step == null) {
      return;
    }
    add(
        "core on 2 threads: own halves %.2f s/epoch (%,.0f ex/s); synchronous "
            + "data-parallel %.2f s/epoch = %.3f ms/step (Spark's scheme without Spark)",
        step.halvesEpoch(),
        step.halvesExamples() / step.halvesEpoch(),
        step.syncEpoch(),
        step.syncEpoch() / step.syncSteps() * 1e3);
  }

  private void sparkEpoch(SparkRun r) {
    int steps = r.stepsPerEpoch();
    double stepsOnly = r.medianStepsSeconds();
    if (r.barrier()) {
      add(
          "sparkmlp %s epoch: median %.2f s (%.2f s without the test evaluation) for %d"
              + " steps = %.3f ms/step with resident %s tasks (no"
              + " job a step); cached %.3f × 8 B per feature value",
          r.label(),
          r.medianEpochSeconds(),
          stepsOnly,
          steps,
          stepsOnly / steps * 1e3,
          r.engine().equals("peer") ? "peer" : "barrier",
          r.cachedRatio());
      return;
    }
    StepJobListener.StepStats j = r.stepStats();
    add(
        "sparkmlp %s epoch: median %.2f s (%.2f s without the test evaluation) for %d"
            + " steps = %.3f ms/step, of which %.3f ms outside the slowest task; cached"
            + " %.3f × 8 B per feature value",
        r.label(),
        r.medianEpochSeconds(),
        stepsOnly,
        steps,
        stepsOnly / steps * 1e3,
        stepsOnly / steps * 1e3 - j.maxTaskRunMs(),
        r.cachedRatio());
    add(
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
        j.gapMs());
  }

  /** The epoch (steps only) against its FLOPs at the two-thread GEMM rate of its precision. */
  private void epochAgainstBound(SparkRun r) {
    double bound = report.epochBoundSeconds(r);
    if (Double.isNaN(bound)) {
      return;
    }
    String what =
        String.format(
            Locale.ROOT,
            "η epoch %s = bound %.3f s (FLOPs at the 2-thread %s rate) ÷ epoch %.3f s",
            r.label(),
            bound,
            r.precision() == Precision.FLOAT ? "sgemm" : "dgemm",
            r.medianStepsSeconds());
    double eta = bound / r.medianStepsSeconds();
    lines.add(
        r.precision() == Precision.FLOAT
            ? SpeedTargets.line(what, eta, "≥", SpeedTargets.FLOAT_EPOCH_ETA)
            : String.format(Locale.ROOT, "%s: %.3f", what, eta));
    if (r.precision() == Precision.FLOAT) {
      Measurement rounds = gemm.sgemmLockStep();
      lines.add(
          String.format(
              Locale.ROOT,
              "  this machine's ceiling in this run: 2 threads in lock-step on the step's sgemms,"
                  + " round mean %.2f ms (best %.2f, %d rounds) = η %.3f; the epoch reaches %.0f %%"
                  + " of it",
              rounds.mean() * 1e3,
              rounds.best() * 1e3,
              rounds.samples().length,
              gemm.floatEtaCeiling(),
              100 * eta / gemm.floatEtaCeiling()));
    }
  }

  /** The first double run against the core step it would be without Spark. */
  private void sparkOverhead(SparkRun ours) {
    if (ours == null || step == null) {
      return;
    }
    int steps = ours.stepsPerEpoch();
    double stepsOnly = ours.medianStepsSeconds();
    if (gemm != null) {
      double sparkGflops = report.sparkGflops(ours);
      add(
          "η on all cores (examples/s × FLOP/example ÷ 2-thread dgemm %.2f GFLOP/s):"
              + " Spark step %.3f (%.2f GFLOP/s), core step %.3f (1 thread)",
          gemm.dgemmTwoThreads().best(),
          sparkGflops / gemm.dgemmTwoThreads().best(),
          sparkGflops,
          step.computeGflops() / gemm.dgemmTwoThreads().best());
    }
    add(
        "Spark overhead per step (%s): %.3f ms vs the 1-thread core step (%.3f ms); "
            + "%.3f ms vs the 2-thread synchronous step (%.3f ms)",
        ours.label(),
        (stepsOnly - steps * step.step().median()) / steps * 1e3,
        step.step().median() * 1e3,
        (stepsOnly - step.syncEpoch()) / steps * 1e3,
        step.syncEpoch() / step.syncSteps() * 1e3);
  }

  private void sparkFloor() {
    SparkFloor floor = report.floor();
    if (floor == null) {
      return;
    }
    add(
        "  Spark floor per step (no training): empty job %.2f ms (%.2f ms through"
            + " runJob without closure cleaning), + weight broadcast %.2f ms, +"
            + " gradient-sized task results %.2f ms; the broadcast alone (no job) %.2f ms",
        floor.emptyMs(),
        floor.emptyRunJobMs(),
        floor.broadcastMs(),
        floor.broadcastAndResultMs(),
        floor.broadcastOnlyMs());
  }

  private void sparkOverCoreEpoch(SparkRun ours) {
    CoreEpochRun coreEpoch = report.coreEpoch();
    if (ours == null || coreEpoch == null) {
      return;
    }
    lines.add(
        SpeedTargets.line(
                "Spark epoch ÷ core single-process epoch ("
                    + ours.label()
                    + ", both with test evaluation)",
                ours.medianEpochSeconds() / coreEpoch.epochSeconds(),
                "≤",
                SpeedTargets.SPARK_OVER_CORE)
            + String.format(
                Locale.ROOT,
                "; without evaluation %.2f s ÷ %.2f s = %.2f",
                ours.medianStepsSeconds(),
                coreEpoch.stepsSeconds(),
                ours.medianStepsSeconds() / coreEpoch.stepsSeconds()));
  }

  private void floatOverDouble(SparkRun d, SparkRun f) {
    lines.add(
        SpeedTargets.line(
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
                SpeedTargets.PRECISION)
            + String.format(
                Locale.ROOT,
                "; with the test evaluation %.3f; best accuracy %.4f float vs %.4f double",
                f.medianEpochSeconds() / d.medianEpochSeconds(),
                f.bestAccuracy(),
                d.bestAccuracy()));
  }

  private void soonest() {
    for (double x : new double[] {0.88, 0.89, 0.90}) {
      SparkRun r = report.soonestTo(x);
      if (r != null) {
        add(
            "soonest to %.2f: %s, %.1f s of training (epoch %d; %.1f s with data prep)",
            x, r.label(), r.timeTo(x), r.epochTo(x), r.timeTo(x) + r.prepareSeconds());
      }
    }
  }

  private void againstMlpc() {
    MlpcRun mlpc = report.mlpc();
    if (report.runs().isEmpty() || mlpc == null || mlpc.best() == null) {
      return;
    }
    MlpcRun.Fit best = mlpc.best();
    SparkRun r = report.soonestTo(0.88);
    if (r == null) {
      add(
          "our time to 0.88 ÷ MLPC's time to its best (%.4f, %s, %.1f s): n/a —"
              + " no sparkmlp run reached 0.88",
          best.testAccuracy(), best.setting(), best.seconds());
    } else {
      double t88 = r.timeTo(0.88);
      lines.add(
          SpeedTargets.line(
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
                  SpeedTargets.RATIO)
              + String.format(Locale.ROOT, " (1/%.1f)", best.seconds() / t88));
    }
    SparkRun atBest = report.soonestTo(best.testAccuracy());
    add(
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
                best.seconds()));
  }
}

package sparkmlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import sparkmlp.core.data.Precision;

/**
 * The report as one JSON document: the header, each part's own figures, and a {@code comparison}
 * object with the ratios the console lines print, each beside its target.
 */
final class ReportJson {
  private final Report report;
  private final GemmBench.Result gemm;
  private final StepBench.Result step;

  private ReportJson(Report report) {
    this.report = report;
    this.gemm = report.gemm();
    this.step = report.step();
  }

  /** All figures of {@code report}; NaN stays NaN (see {@link #nanToNull}). */
  static ObjectNode of(Report report) {
    ReportJson j = new ReportJson(report);
    ObjectNode root = report.header().deepCopy();
    j.parts(root);
    ObjectNode c = root.putObject("comparison");
    j.coreEta(c);
    j.sparkOverhead(c, report.first(Precision.DOUBLE));
    j.floatOverDouble(c.putArray("float_epoch_over_double_epoch"));
    j.epochEta(c.putArray("epoch_eta_against_2_thread_gemm"));
    j.soonest(c.putObject("soonest_run_to_accuracy"));
    j.againstMlpc(c);
    return root;
  }

  private void parts(ObjectNode root) {
    FloatStep floatStep = report.floatStep();
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
    if (report.coreEpoch() != null) {
      root.set("core_single_process_epoch", report.coreEpoch().toJson());
    }
    if (report.floor() != null) {
      root.set("spark_floor", report.floor().toJson());
    }
    ArrayNode rs = root.putArray("sparkmlp_runs");
    report.runs().forEach(r -> rs.add(r.toJson()));
    ArrayNode ss = root.putArray("sparkmlp_precision_by_batch_runs");
    report.sweep().forEach(r -> ss.add(r.toJson()));
    if (report.mlpc() != null) {
      root.set("mllib_mlpc", report.mlpc().toJson());
    }
  }

  private void coreEta(ObjectNode c) {
    FloatStep floatStep = report.floatStep();
    if (step != null && gemm != null) {
      c.put("eta_gradient_plus_update", step.computeGflops() / gemm.dgemmWeighted());
      c.put("eta_step_with_gather", step.gflops() / gemm.dgemmWeighted());
      c.put("eta_target_min", SpeedTargets.ETA);
    }
    if (floatStep != null && gemm != null) {
      c.put("eta_float_step_against_sgemm", floatStep.gflops() / gemm.sgemmWeighted());
    }
  }

  private void sparkOverhead(ObjectNode c, SparkRun ours) {
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
        double sparkGflops = report.sparkGflops(ours);
        c.put("spark_step_gflops", sparkGflops);
        c.put("eta_spark_step_all_cores", sparkGflops / gemm.dgemmTwoThreads().best());
        c.put("eta_core_step_all_cores", step.computeGflops() / gemm.dgemmTwoThreads().best());
      }
    }
    CoreEpochRun coreEpoch = report.coreEpoch();
    if (ours != null && coreEpoch != null) {
      c.put("spark_epoch_over_core_epoch", ours.medianEpochSeconds() / coreEpoch.epochSeconds());
      c.put(
          "spark_epoch_over_core_epoch_without_evaluation",
          ours.medianStepsSeconds() / coreEpoch.stepsSeconds());
      c.put("spark_epoch_over_core_epoch_target_max", SpeedTargets.SPARK_OVER_CORE);
    }
  }

  /** Each run's epoch against {@link Report#epochBoundSeconds} (issue 24: float ≥ 0.85). */
  private void epochEta(ArrayNode runs) {
    for (SparkRun r : report.runs()) {
      double bound = report.epochBoundSeconds(r);
      if (Double.isNaN(bound)) {
        continue;
      }
      ObjectNode o = runs.addObject();
      o.put("run", r.label());
      o.put("batch", r.batch());
      o.put("bound_seconds", bound);
      o.put("epoch_steps_seconds", r.medianStepsSeconds());
      o.put("eta", bound / r.medianStepsSeconds());
      if (r.precision() == Precision.FLOAT) {
        o.put("target_min", SpeedTargets.FLOAT_EPOCH_ETA);
        o.put("eta_ceiling_lock_step_sgemm", gemm.floatEtaCeiling());
      }
    }
  }

  private void floatOverDouble(ArrayNode pairs) {
    for (SparkRun[] pair : report.precisionPairs()) {
      ObjectNode o = pairs.addObject();
      o.put("config", pair[0].config());
      o.put("batch", pair[0].batch());
      o.put("epochs", pair[0].epochs().size());
      o.put("double_epoch_steps_seconds", pair[0].medianStepsSeconds());
      o.put("float_epoch_steps_seconds", pair[1].medianStepsSeconds());
      o.put("steps_only", pair[1].medianStepsSeconds() / pair[0].medianStepsSeconds());
      o.put("with_test_evaluation", pair[1].medianEpochSeconds() / pair[0].medianEpochSeconds());
      o.put("target_max", SpeedTargets.PRECISION);
    }
  }

  private void soonest(ObjectNode soonest) {
    for (double x : SpeedTargets.ACCURACIES) {
      SparkRun r = report.soonestTo(x);
      ObjectNode o = soonest.putObject(String.valueOf(x));
      o.put("run", r == null ? null : r.label());
      o.put("training_seconds", r == null ? Double.NaN : r.timeTo(x));
    }
  }

  private void againstMlpc(ObjectNode c) {
    MlpcRun mlpc = report.mlpc();
    if (report.runs().isEmpty() || mlpc == null || mlpc.best() == null) {
      return;
    }
    MlpcRun.Fit best = mlpc.best();
    SparkRun r = report.soonestTo(0.88);
    double t88 = r == null ? Double.NaN : r.timeTo(0.88);
    c.put("mlpc_best_setting", best.setting());
    c.put("mlpc_best_accuracy", best.testAccuracy());
    c.put("mlpc_best_seconds", best.seconds());
    c.put("ours_seconds_to_0.88", t88);
    c.put("ours_to_0.88_over_mlpc_best", t88 / best.seconds());
    c.put("ours_to_0.88_over_mlpc_best_target_max", SpeedTargets.RATIO);
    SparkRun atBest = report.soonestTo(best.testAccuracy());
    double tBest = atBest == null ? Double.NaN : atBest.timeTo(best.testAccuracy());
    c.put("ours_seconds_to_mlpc_best_accuracy", tBest);
    c.put("ours_to_mlpc_best_accuracy_over_mlpc_best", tBest / best.seconds());
  }

  /** JSON has no NaN: figures that could not be computed (a target never reached) become null. */
  static JsonNode nanToNull(JsonNode node) {
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
}

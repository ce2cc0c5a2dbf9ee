package sparkmlp.spark.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import sparkmlp.core.format.Json;
import sparkmlp.core.metrics.GateMetric;
import sparkmlp.spark.config.RegistrySettings;

/**
 * The JSON a retrain run records: decision.json's gate verdict, figures and timings, and the
 * registry history entry made from a decision.
 */
final class DecisionJson {
  private DecisionJson() {}

  /** Seconds spent in each phase, for decision.json. */
  record Timings(double checks, double train, double evaluate, double total) {}

  /**
   * What the gate judges: its metric, the holdout data's path, both models' holdout figures ({@code
   * champion} null when the models cannot be compared) and the champion's id (null for none).
   */
  record Judged(
      GateMetric metric,
      String holdoutPath,
      HoldoutEvaluation.Figures candidate,
      HoldoutEvaluation.Figures champion,
      String championId) {}

  /** The gate's verdict and figures as decision.json starts. */
  static ObjectNode start(String runId, String registryDir, RegistrySettings rs, Judged judged) {
    GateMetric metric = judged.metric();
    HoldoutEvaluation.Figures candidate = judged.candidate();
    HoldoutEvaluation.Figures champ = judged.champion();
    String championId = judged.championId();
    ObjectNode decision = Json.MAPPER.createObjectNode();
    decision.put("run_id", runId);
    decision.put("registry", registryDir);
    Gate.Verdict v =
        Gate.verdict(
            metric, candidate.value(), champ == null ? null : champ.value(), championId, rs);
    decision.put("promoted", v.promoted());
    decision.put("reason", v.reason());
    putId(decision, "champion_before", championId);
    putId(decision, "champion_after", v.promoted() ? runId : championId);
    ObjectNode gate = decision.putObject("gate");
    gate.put("metric", metric.id());
    gate.put("higher_is_better", metric.higherIsBetter());
    putNumber(gate, "candidate", candidate.value());
    if (champ != null) {
      putNumber(gate, "champion", champ.value());
    } else {
      gate.putNull("champion");
    }
    gate.put("tolerance", rs.gate().tolerance());
    if (rs.gate().floor() == null) {
      gate.putNull("floor");
    } else {
      gate.put("floor", rs.gate().floor());
    }
    gate.put("holdout", judged.holdoutPath());
    decision.set("candidate", candidate.json());
    if (champ != null) {
      decision.set("champion", champ.json());
    }
    return decision;
  }

  static void putTimings(ObjectNode decision, Timings t) {
    ObjectNode o = decision.putObject("timings");
    o.put("checks_seconds", t.checks());
    o.put("train_seconds", t.train());
    o.put("evaluate_seconds", t.evaluate());
    o.put("total_seconds", t.total());
  }

  /** The registry history entry for a retrain run's decision. */
  static ObjectNode historyEntry(String runId, ObjectNode decision, boolean promoted) {
    ObjectNode entry = Json.MAPPER.createObjectNode();
    entry.put("time", decision.path("decided").asText());
    entry.put("action", "retrain");
    entry.put("version", runId);
    entry.put("promoted", promoted);
    entry.set("champion_before", decision.get("champion_before"));
    entry.set("champion_after", decision.get("champion_after"));
    entry.set("metric", decision.path("gate").get("metric"));
    entry.set("candidate", decision.path("gate").get("candidate"));
    entry.set("champion", decision.path("gate").get("champion"));
    entry.set("reason", decision.get("reason"));
    return entry;
  }

  static void putId(ObjectNode o, String field, String id) {
    if (id == null) {
      o.putNull(field);
    } else {
      o.put(field, id);
    }
  }

  private static void putNumber(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }
}

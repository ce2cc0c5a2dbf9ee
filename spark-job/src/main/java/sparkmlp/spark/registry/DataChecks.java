package sparkmlp.spark.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.format.Json;
import sparkmlp.core.model.DriftMeasure;
import sparkmlp.core.model.FeatureProfile;
import sparkmlp.core.model.Model;
import sparkmlp.core.model.ProfileAccumulator;
import sparkmlp.core.task.Task;
import sparkmlp.spark.config.RegistrySettings;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawData;
import sparkmlp.spark.io.RawExample;

/**
 * What retrain checks before any training: the schema against the champion's (feature names and
 * order, label set), the row count, and each feature's drift from the champion's training data.
 * Failures are {@link InputException}s naming the file, the features and the values; the rest is a
 * JSON report for the decision.
 */
public final class DataChecks {
  /**
   * What the checks found.
   *
   * @param report the JSON the decision carries under "checks"
   * @param profile the new data's feature profile, stored in the candidate model
   * @param newClasses the data has classes the champion lacks (allowed by config)
   */
  public record Result(ObjectNode report, FeatureProfile profile, boolean newClasses) {}

  /** The model new data is checked against, and its version id. */
  public record Champion(String id, Model model) {}

  private DataChecks() {}

  /** Runs every check; {@code champ} may be null (the first run of a registry). */
  public static Result run(
      JavaSparkContext jsc, RawData train, Task task, Champion champ, RegistrySettings settings) {
    Model champion = champ == null ? null : champ.model();
    String championId = champ == null ? null : champ.id();
    ObjectNode report = Json.MAPPER.createObjectNode();
    String src = train.source();
    List<String> names = train.featureNames();
    if (champion != null) {
      checkSchema(src, names, champion.featureNames(), championId);
    }
    report.put("schema", champion == null ? "no champion to compare with" : "same as the champion");

    boolean newClasses = checkLabels(jsc, train, task, champ, settings, report);

    FeatureStats stats = featureStats(jsc, train);
    report.put("rows", stats.count());
    if (stats.count() < settings.checks().minRows()) {
      throw new InputException(
          src
              + ": "
              + stats.count()
              + " rows, fewer than mlp.registry.checks.min-rows = "
              + settings.checks().minRows());
    }
    FeatureProfile reference = champion == null ? null : champion.profile();
    ProfileAccumulator acc = profileAccumulator(jsc, train, stats, reference);
    FeatureProfile profile = acc.profile(names, stats);
    report.set("drift", drift(src, championId, reference, acc, stats, settings));
    return new Result(report, profile, newClasses);
  }

  /**
   * Whether the labels include classes the champion lacks; an error unless the config allows them.
   * Records them under "new_classes" in {@code report}.
   */
  private static boolean checkLabels(
      JavaSparkContext jsc,
      RawData train,
      Task task,
      Champion champ,
      RegistrySettings settings,
      ObjectNode report) {
    if (champ == null || !task.isClassification() || train.labelNames().size() != 1) {
      return false;
    }
    Model champion = champ.model();
    String src = train.source();
    jsc.setJobDescription("labels of " + src);
    List<String> found = new ArrayList<>(train.rows().map(r -> r.labels()[0]).distinct().collect());
    found.sort(null);
    List<String> unknown = found.stream().filter(l -> !champion.labelNames().contains(l)).toList();
    if (unknown.isEmpty()) {
      return false;
    }
    if (!settings.checks().allowNewClasses()) {
      throw new InputException(
          src
              + ": label(s) "
              + unknown
              + " are unknown to the champion "
              + champ.id()
              + " (classes "
              + champion.labelNames()
              + "); set mlp.registry.checks.allow-new-classes=true to train a new model from"
              + " scratch");
    }
    report.set("new_classes", Json.MAPPER.valueToTree(unknown));
    return true;
  }

  /** One Spark job: the per-feature statistics of {@code train}. */
  private static FeatureStats featureStats(JavaSparkContext jsc, RawData train) {
    int nf = train.featureNames().size();
    jsc.setJobDescription("feature statistics of " + train.source());
    return train
        .rows()
        .mapPartitions(
            it -> {
              FeatureStats s = new FeatureStats(nf);
              while (it.hasNext()) {
                s.add(it.next().features(), 0);
              }
              return List.of(s).iterator();
            })
        .collect()
        .stream()
        .reduce(new FeatureStats(nf), FeatureStats::merge);
  }

  /** One Spark job: the feature profile of {@code train}, binned against {@code reference}. */
  private static ProfileAccumulator profileAccumulator(
      JavaSparkContext jsc, RawData train, FeatureStats stats, FeatureProfile reference) {
    jsc.setJobDescription("feature profile of " + train.source());
    return train
        .rows()
        .mapPartitions(
            it -> {
              ProfileAccumulator a = new ProfileAccumulator(stats, reference);
              while (it.hasNext()) {
                RawExample r = it.next();
                a.add(r.features(), 0);
              }
              return List.of(a).iterator();
            })
        .collect()
        .stream()
        .reduce(new ProfileAccumulator(stats, reference), ProfileAccumulator::merge);
  }

  /** Same names in the same order, or an error naming both sides of the first difference. */
  static void checkSchema(String src, List<String> found, List<String> expected, String champion) {
    if (found.equals(expected)) {
      return;
    }
    List<String> missing = expected.stream().filter(n -> !found.contains(n)).toList();
    List<String> extra = found.stream().filter(n -> !expected.contains(n)).toList();
    int j = 0;
    while (j < Math.min(found.size(), expected.size()) && found.get(j).equals(expected.get(j))) {
      j++;
    }
    String position =
        j < Math.min(found.size(), expected.size())
            ? "feature "
                + (j + 1)
                + " is '"
                + found.get(j)
                + "', the champion has '"
                + expected.get(j)
                + "'"
            : found.size() < expected.size()
                ? "the champion's feature " + (j + 1) + " '" + expected.get(j) + "' is absent"
                : "feature " + (j + 1) + " '" + found.get(j) + "' is not in the champion";
    StringBuilder m =
        new StringBuilder(
            src + ": the schema differs from the champion " + champion + ": " + position);
    if (!missing.isEmpty()) {
      m.append("; missing ").append(quoted(missing));
    }
    if (!extra.isEmpty()) {
      m.append("; not in the champion ").append(quoted(extra));
    }
    if (missing.isEmpty() && extra.isEmpty()) {
      m.append(" (same columns, another order)");
    }
    throw new InputException(m.toString());
  }

  private static ObjectNode drift(
      String src,
      String championId,
      FeatureProfile reference,
      ProfileAccumulator acc,
      FeatureStats stats,
      RegistrySettings s) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    DriftMeasure measure = s.drift().measure();
    d.put("measure", measure.id());
    d.put("warn", s.drift().warn());
    d.put("fail", s.drift().fail());
    if (reference == null) {
      d.put(
          "status",
          championId == null
              ? "no champion to compare with"
              : "the champion has no feature profile");
      return d;
    }
    ArrayNode features = d.putArray("features");
    List<String> failed = new ArrayList<>();
    List<String> warned = new ArrayList<>();
    for (int j = 0; j < reference.features().size(); j++) {
      FeatureProfile.Feature f = reference.features().get(j);
      double psi = f.psi(acc.referenceCounts(j));
      double shift = f.meanShift(stats.mean(j));
      double value = measure == DriftMeasure.PSI ? psi : shift;
      String status =
          value >= s.drift().fail() ? "fail" : value >= s.drift().warn() ? "warn" : "ok";
      putFeature(features.addObject(), f, psi, shift, stats.mean(j), status);
      String line = driftLine(f, measure, value, stats.mean(j));
      if (status.equals("fail")) {
        failed.add(line);
      } else if (status.equals("warn")) {
        warned.add(line);
      }
    }
    d.put("status", failed.isEmpty() ? (warned.isEmpty() ? "ok" : "warn") : "fail");
    d.set("warnings", Json.MAPPER.valueToTree(warned));
    if (!failed.isEmpty()) {
      throw new InputException(
          src
              + ": drift from the champion "
              + championId
              + " at or above mlp.registry.drift.fail = "
              + s.drift().fail()
              + " in "
              + String.join(", ", failed));
    }
    return d;
  }

  /** How a drifted feature reads in a warning or an error. */
  private static String driftLine(
      FeatureProfile.Feature f, DriftMeasure measure, double value, double mean) {
    return String.format(
        Locale.ROOT,
        "'%s' (%s %.3f; mean %.4g, the champion's %.4g ± %.4g)",
        f.name(),
        measure.id(),
        value,
        mean,
        f.mean(),
        f.std());
  }

  /** One feature's entry in the drift report. */
  private static void putFeature(
      ObjectNode e,
      FeatureProfile.Feature f,
      double psi,
      double shift,
      double mean,
      String status) {
    e.put("name", f.name());
    e.put("psi", psi);
    putFinite(e, "mean_shift", shift);
    e.put("mean", mean);
    e.put("champion_mean", f.mean());
    e.put("champion_std", f.std());
    e.put("status", status);
  }

  private static void putFinite(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    } else {
      o.putNull(field);
    }
  }

  private static String quoted(List<String> names) {
    return names.stream().map(n -> "'" + n + "'").toList().toString();
  }
}

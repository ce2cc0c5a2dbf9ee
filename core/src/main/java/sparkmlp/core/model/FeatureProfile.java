package sparkmlp.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sparkmlp.core.format.Json;

/**
 * What a model's training data looked like, feature by feature: count, mean, standard deviation,
 * and the data's deciles as bin edges with the share of rows in each bin. Drift checks compare new
 * data against it (population-stability index over these bins, or the standardised mean shift).
 * Immutable; stored in the model file's optional header field {@code feature_profile}
 * (docs/model-format.md), whose own {@code version} is {@link #VERSION}. Serializable only because
 * it travels inside a {@link Model} in Spark task closures, never as a stored file.
 */
public final class FeatureProfile implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** Version of the {@code feature_profile} JSON layout. */
  public static final int VERSION = 1;

  /**
   * Share floor in the PSI sum, so an empty bin costs a large but finite amount (the usual 1e-4 of
   * credit-scoring practice, e.g. Siddiqi, Credit Risk Scorecards, 2006).
   */
  static final double PSI_FLOOR = 1e-4;

  /**
   * One feature.
   *
   * @param edges increasing inner bin edges; bin i holds values in [edges[i-1], edges[i])
   * @param proportions share of rows per bin, {@code edges.length + 1} values summing to 1
   */
  public record Feature(String name, double mean, double std, double[] edges, double[] proportions)
      implements java.io.Serializable {
    public Feature {
      edges = edges.clone();
      proportions = proportions.clone();
      if (proportions.length != edges.length + 1) {
        throw new IllegalArgumentException(
            "feature '"
                + name
                + "': "
                + edges.length
                + " edges need "
                + (edges.length + 1)
                + " proportions, found "
                + proportions.length);
      }
      for (int i = 1; i < edges.length; i++) {
        if (!(edges[i] > edges[i - 1])) {
          throw new IllegalArgumentException(
              "feature '" + name + "': bin edges must increase, found " + Arrays.toString(edges));
        }
      }
    }

    @Override
    public double[] edges() {
      return edges.clone();
    }

    @Override
    public double[] proportions() {
      return proportions.clone();
    }

    /** The bin a value falls in: i such that edges[i-1] <= v < edges[i]. */
    public int bin(double v) {
      int i = Arrays.binarySearch(edges, v);
      return i >= 0 ? i + 1 : -i - 1;
    }

    public int bins() {
      return proportions.length;
    }

    /**
     * Population-stability index of new data whose rows fall into this feature's bins with the
     * given counts: Σ (q − p) ln(q / p), p this profile's shares, q the new ones, both floored at
     * 1e-4.
     */
    public double psi(long[] counts) {
      if (counts.length != proportions.length) {
        throw new IllegalArgumentException(
            "expected " + proportions.length + " bin counts, found " + counts.length);
      }
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      double psi = 0;
      for (int i = 0; i < counts.length; i++) {
        double q = Math.max(PSI_FLOOR, n == 0 ? 0 : (double) counts[i] / n);
        double p = Math.max(PSI_FLOOR, proportions[i]);
        psi += (q - p) * Math.log(q / p);
      }
      return psi;
    }

    /**
     * |mean − this mean| / this std; 0 for equal means, infinite when this feature was constant and
     * the mean moved.
     */
    public double meanShift(double newMean) {
      double d = Math.abs(newMean - mean);
      if (d == 0) {
        return 0;
      }
      return std > 0 ? d / std : Double.POSITIVE_INFINITY;
    }
  }

  private final long count;
  private final List<Feature> features;

  public FeatureProfile(long count, List<Feature> features) {
    if (count < 1) {
      throw new IllegalArgumentException("a feature profile needs >= 1 row, found " + count);
    }
    this.count = count;
    this.features = List.copyOf(features);
  }

  public long count() {
    return count;
  }

  public List<Feature> features() {
    return features;
  }

  public List<String> names() {
    return features.stream().map(Feature::name).toList();
  }

  /** The profile as the header field stores it. */
  public ObjectNode toJson() {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("version", VERSION);
    o.put("count", count);
    ArrayNode fs = o.putArray("features");
    for (Feature f : features) {
      ObjectNode e = fs.addObject();
      e.put("name", f.name());
      e.put("mean", f.mean());
      e.put("std", f.std());
      ArrayNode edges = e.putArray("edges");
      for (double v : f.edges) {
        edges.add(v);
      }
      ArrayNode props = e.putArray("proportions");
      for (double v : f.proportions) {
        props.add(v);
      }
    }
    return o;
  }

  /** Reads the header field; rejects a newer layout or a malformed one, naming what is wrong. */
  public static FeatureProfile fromJson(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new IllegalArgumentException("feature_profile must be an object");
    }
    int version = o.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "feature_profile version "
              + o.path("version")
              + " is not supported (reads "
              + VERSION
              + ")");
    }
    JsonNode fs = o.path("features");
    if (!fs.isArray()) {
      throw new IllegalArgumentException("feature_profile.features must be a list");
    }
    List<Feature> out = new ArrayList<>();
    for (JsonNode f : fs) {
      out.add(
          new Feature(
              f.path("name").asText(),
              number(f, "mean"),
              number(f, "std"),
              numbers(f, "edges"),
              numbers(f, "proportions")));
    }
    return new FeatureProfile(o.path("count").asLong(0), out);
  }

  private static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(
          "feature_profile field '" + field + "' must be a number, found " + v);
    }
    return v.asDouble();
  }

  private static double[] numbers(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray() || v.size() > 1 << 16) {
      throw new IllegalArgumentException(
          "feature_profile field '" + field + "' must be a list of at most 65536 numbers");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw new IllegalArgumentException(
            "feature_profile field '" + field + "' must hold numbers, found " + v.get(i));
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureProfile p && p.toJson().equals(toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "FeatureProfile[" + features.size() + " features, " + count + " rows]";
  }
}

package sparkmlp.spark.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Hides credentials in what the job writes or prints (summary.json, model headers, registry
 * versions, {@code mlp inspect}), as Spark hides them in its UI and event logs: a value whose
 * dotted key matches Spark's {@code spark.redaction.regex} (its default, and the cluster's setting
 * when it has one) becomes {@value #REPLACEMENT}. A credential inside any other string (the user
 * part of {@code scheme://user:pass@host}, or a {@code password=...} query parameter of a JDBC URL)
 * is replaced the same way.
 */
public final class Redaction {
  /** What a hidden value reads as; Spark's own {@code REDACTION_REPLACEMENT_TEXT}. */
  public static final String REPLACEMENT = "*********(redacted)";

  /** The default of Spark's {@code spark.redaction.regex}. */
  public static final String DEFAULT_REGEX = "(?i)secret|password|token|access[.]key";

  /** The Spark setting a cluster widens the key pattern with. */
  public static final String SPARK_KEY = "spark.redaction.regex";

  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s?#]+@");
  private static final Pattern CREDENTIAL_PARAMETER =
      Pattern.compile(
          "(?i)((?:password|passwd|pwd|secret|token|access[._-]?key|signature|sig)=)[^&;\\s]+");

  private final List<Pattern> keys;

  private Redaction(List<Pattern> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * Spark's default pattern, the one in {@code sparkConf} (the job's {@code mlp.spark.conf}) and
   * the running session's, whichever are set: a key matching any of them is hidden.
   */
  public static Redaction forJob(Map<String, String> sparkConf) {
    List<Pattern> keys = new ArrayList<>();
    keys.add(Pattern.compile(DEFAULT_REGEX));
    String configured = sparkConf == null ? null : sparkConf.get(SPARK_KEY);
    if (configured != null && !configured.isBlank()) {
      keys.add(Pattern.compile(configured));
    }
    String cluster = clusterRegex();
    if (cluster != null && !cluster.isBlank() && !cluster.equals(configured)) {
      keys.add(Pattern.compile(cluster));
    }
    return new Redaction(keys);
  }

  /** Spark's default pattern only (for readers with no job config, such as inspect). */
  public static Redaction defaults() {
    return new Redaction(List.of(Pattern.compile(DEFAULT_REGEX)));
  }

  /** True when a value under {@code key} (a dotted path) is a credential. */
  public boolean isSecretKey(String key) {
    for (Pattern p : keys) {
      if (p.matcher(key).find()) {
        return true;
      }
    }
    return false;
  }

  /** {@code value} with any credential it carries inside (URI user part, parameters) hidden. */
  public static String scrub(String value) {
    String v = USER_INFO.matcher(value).replaceAll(REPLACEMENT + "@");
    return CREDENTIAL_PARAMETER.matcher(v).replaceAll("$1" + REPLACEMENT);
  }

  /**
   * A copy of {@code node} with every value under a secret key replaced and every string scrubbed;
   * {@code prefix} is the dotted path of {@code node} itself ("" at the root).
   */
  public JsonNode redact(JsonNode node, String prefix) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      ObjectNode out = ((ObjectNode) node).objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        JsonNode v = e.getValue();
        out.set(e.getKey(), isSecretKey(key) && !v.isNull() ? hideAll(out, v) : redact(v, key));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = ((ArrayNode) node).arrayNode();
      for (JsonNode v : node) {
        out.add(redact(v, prefix));
      }
      return out;
    }
    if (node.isTextual()) {
      String s = scrub(node.asText());
      return s.equals(node.asText()) ? node : TextNode.valueOf(s);
    }
    return node;
  }

  /** A value under a secret key: a scalar becomes the replacement, a container keeps its shape. */
  private JsonNode hideAll(ObjectNode factory, JsonNode v) {
    if (v.isObject()) {
      ObjectNode out = factory.objectNode();
      v.fields().forEachRemaining(e -> out.set(e.getKey(), hideAll(factory, e.getValue())));
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = factory.arrayNode();
      v.forEach(x -> out.add(hideAll(factory, x)));
      return out;
    }
    return v.isNull() ? v : TextNode.valueOf(REPLACEMENT);
  }

  /** The running session's {@code spark.redaction.regex}, or null without a session or setting. */
  private static String clusterRegex() {
    try {
      scala.Option<SparkSession> s = SparkSession.getActiveSession();
      if (s.isEmpty()) {
        s = SparkSession.getDefaultSession();
      }
      return s.isEmpty() ? null : s.get().sparkContext().getConf().get(SPARK_KEY, null);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}

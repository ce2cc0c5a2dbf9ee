package sparkmlp.spark.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rejects keys under {@code mlp} that {@code reference.conf} does not define, suggesting the
 * nearest valid keys; a misspelt key would otherwise be silently ignored. Also rejects a plain
 * value where the reference has a section. {@code mlp.spark.conf} is free-form and not checked.
 */
final class UnknownKeyCheck {

  static final String FREE_FORM = "mlp.spark.conf";
  private static final int MAX_SUGGESTIONS = 3;

  private record Candidate(String key, boolean sameLevel, int distance) {}

  private UnknownKeyCheck() {}

  /** Walks {@code actual} (the merged {@code mlp} tree) against {@code reference}, in key order. */
  static void check(ConfigObject reference, ConfigObject actual) {
    walk("mlp", reference, actual, allKeys("mlp", reference));
  }

  private static void walk(
      String path, ConfigObject reference, ConfigObject actual, List<String> validKeys) {
    for (String name : new TreeSet<>(actual.keySet())) {
      String key = path + "." + name;
      ConfigValue expected = reference.get(name);
      ConfigValue found = actual.get(name);
      if (expected == null) {
        throw new InvalidConfigException(
            ConfigValues.where(found)
                + "unknown config key '"
                + key
                + "'"
                + didYouMean(key, validKeys));
      }
      if (expected.valueType() == ConfigValueType.OBJECT && !key.equals(FREE_FORM)) {
        if (found.valueType() != ConfigValueType.OBJECT) {
          throw ConfigValues.wrongType(key, found, "an object");
        }
        walk(key, (ConfigObject) expected, (ConfigObject) found, validKeys);
      }
    }
  }

  /**
   * Every key and section path in the reference, e.g. {@code mlp.train} and {@code
   * mlp.train.epochs}.
   */
  private static List<String> allKeys(String path, ConfigObject object) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String key = path + "." + e.getKey();
      keys.add(key);
      if (e.getValue().valueType() == ConfigValueType.OBJECT && !key.equals(FREE_FORM)) {
        keys.addAll(allKeys(key, (ConfigObject) e.getValue()));
      }
    }
    return keys;
  }

  /**
   * Up to three valid keys whose last segment is within edit distance max(1, length / 3) of the
   * unknown key's last segment; failing that, keys whose last segment contains it or is contained
   * in it (at least 4 characters, so {@code activation} finds {@code hidden-activation}). Keys
   * beside the unknown one first, then nearest, then by name.
   */
  static String didYouMean(String unknownKey, List<String> validKeys) {
    String parent = parent(unknownKey);
    String name = lastSegment(unknownKey);
    int limit = Math.max(1, name.length() / 3);
    List<Candidate> candidates =
        validKeys.stream()
            .map(
                k -> new Candidate(k, parent(k).equals(parent), editDistance(name, lastSegment(k))))
            .sorted(
                Comparator.comparing((Candidate c) -> !c.sameLevel())
                    .thenComparingInt(Candidate::distance)
                    .thenComparing(Candidate::key))
            .toList();
    List<Candidate> picks = candidates.stream().filter(c -> c.distance() <= limit).toList();
    if (picks.isEmpty()) {
      picks = candidates.stream().filter(c -> overlaps(name, lastSegment(c.key()))).toList();
    }
    List<String> quoted =
        picks.stream().limit(MAX_SUGGESTIONS).map(c -> "'" + c.key() + "'").toList();
    if (quoted.isEmpty()) {
      return "";
    }
    String last = quoted.get(quoted.size() - 1);
    String head = String.join(", ", quoted.subList(0, quoted.size() - 1));
    return "; did you mean " + (head.isEmpty() ? last : head + " or " + last) + "?";
  }

  private static boolean overlaps(String a, String b) {
    return a.length() <= b.length()
        ? a.length() >= 4 && b.contains(a)
        : b.length() >= 4 && a.contains(b);
  }

  private static String parent(String key) {
    return key.substring(0, key.lastIndexOf('.'));
  }

  private static String lastSegment(String key) {
    return key.substring(key.lastIndexOf('.') + 1);
  }

  /** Levenshtein distance, two-row dynamic programme. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

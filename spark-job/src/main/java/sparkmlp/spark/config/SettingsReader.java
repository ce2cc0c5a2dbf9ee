package sparkmlp.spark.config;

import static sparkmlp.spark.config.ConfigValues.decimal;
import static sparkmlp.spark.config.ConfigValues.integer;
import static sparkmlp.spark.config.ConfigValues.scalarText;
import static sparkmlp.spark.config.ConfigValues.shown;
import static sparkmlp.spark.config.ConfigValues.where;
import static sparkmlp.spark.config.ConfigValues.wrongType;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, range-checked reads from the resolved {@code mlp} tree. Every failure is an {@link
 * InvalidConfigException} naming the full key, prefixed with {@code file:line:} when the value came
 * from a file. Strings that spell a number or boolean are accepted like Typesafe does, because
 * values substituted from environment variables are always strings.
 */
final class SettingsReader {

  private static final String AUTO = "auto";

  private final ConfigObject mlp;

  /** Reads from {@code mlp}, already merged over the reference and checked for unknown keys. */
  SettingsReader(ConfigObject mlp) {
    this.mlp = mlp;
  }

  /** An integer at {@code key} (relative to {@code mlp}) that is at least {@code min}. */
  int intAtLeast(String key, int min) {
    return ConfigValues.intAtLeast(fullKey(key), value(key), min);
  }

  long longValue(String key) {
    return integer(fullKey(key), value(key));
  }

  /** A number {@code > lower}. */
  double doubleAbove(String key, double lower) {
    double v = number(key);
    if (!(v > lower)) {
      throw outOfRange(key, "must be > " + bound(lower));
    }
    return v;
  }

  /** A number {@code >= lower}. */
  double doubleAtLeast(String key, double lower) {
    double v = number(key);
    if (!(v >= lower)) {
      throw outOfRange(key, "must be >= " + bound(lower));
    }
    return v;
  }

  /** A number in the interval from {@code lower} to {@code upper}, each end open or closed. */
  double doubleIn(
      String key, double lower, boolean lowerClosed, double upper, boolean upperClosed) {
    double v = number(key);
    boolean aboveLower = lowerClosed ? v >= lower : v > lower;
    boolean belowUpper = upperClosed ? v <= upper : v < upper;
    if (!aboveLower || !belowUpper) {
      throw outOfRange(
          key,
          "must be in "
              + (lowerClosed ? "[" : "(")
              + bound(lower)
              + ", "
              + bound(upper)
              + (upperClosed ? "]" : ")"));
    }
    return v;
  }

  boolean bool(String key) {
    ConfigValue v = value(key);
    if (v.valueType() == ConfigValueType.BOOLEAN) {
      return (Boolean) v.unwrapped();
    }
    if (v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).strip().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return s.equals("true");
      }
    }
    throw wrongType(fullKey(key), v, "a boolean (true or false)");
  }

  /** One of the constants of {@code type}, matched case-insensitively on its {@code id}. */
  <E extends Enum<E>> E oneOf(String key, Class<E> type, Function<E, String> id) {
    return oneOf(key, List.of(type.getEnumConstants()), id);
  }

  /** One of {@code allowed}, matched case-insensitively on its {@code id}. */
  <E extends Enum<E>> E oneOf(String key, List<E> allowed, Function<E, String> id) {
    return choice(key, allowed, id, false).orElseThrow();
  }

  /**
   * {@code auto} (empty) or one of the constants of {@code type}, matched case-insensitively on its
   * {@code id}.
   */
  <E extends Enum<E>> Optional<E> autoOrOneOf(String key, Class<E> type, Function<E, String> id) {
    return choice(key, List.of(type.getEnumConstants()), id, true);
  }

  private <E> Optional<E> choice(
      String key, List<E> allowed, Function<E, String> id, boolean auto) {
    ConfigValue v = value(key);
    List<String> ids = new ArrayList<>();
    if (auto) {
      ids.add(AUTO);
    }
    allowed.forEach(e -> ids.add(id.apply(e)));
    String expected = "one of " + String.join(", ", ids);
    String text = scalarText(v);
    if (text == null) {
      throw wrongType(fullKey(key), v, expected);
    }
    String word = text.strip();
    if (auto && word.equalsIgnoreCase(AUTO)) {
      return Optional.empty();
    }
    for (E e : allowed) {
      if (id.apply(e).equalsIgnoreCase(word)) {
        return Optional.of(e);
      }
    }
    throw new InvalidConfigException(
        where(v)
            + "config key '"
            + fullKey(key)
            + "' must be "
            + expected
            + "; found '"
            + text
            + "'");
  }

  /** A non-empty string. */
  String string(String key) {
    ConfigValue v = value(key);
    String text = scalarText(v);
    if (text == null) {
      throw wrongType(fullKey(key), v, "a string");
    }
    if (text.isBlank()) {
      throw new InvalidConfigException(
          where(v) + "config key '" + fullKey(key) + "' must not be empty");
    }
    return text;
  }

  /**
   * A string, or {@code null} when the value is null or blank (so {@code --set data.test=} unsets
   * it).
   */
  String optionalString(String key) {
    ConfigValue v = value(key);
    if (v.valueType() == ConfigValueType.NULL) {
      return null;
    }
    String text = scalarText(v);
    if (text == null) {
      throw wrongType(fullKey(key), v, "a string or null");
    }
    return text.isBlank() ? null : text;
  }

  /** A number, or {@code null} when the value is null. */
  Double optionalDouble(String key) {
    return value(key).valueType() == ConfigValueType.NULL ? null : number(key);
  }

  /** A list of distinct non-empty strings (numbers and booleans are taken as written). */
  List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<? extends ConfigValue> items = list(key, "a list of strings");
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = items.get(i);
      String itemKey = fullKey(key) + "[" + i + "]";
      String text = scalarText(item);
      if (text == null) {
        throw wrongType(itemKey, item, "a string");
      }
      if (text.isBlank()) {
        throw new InvalidConfigException(
            where(item) + "config key '" + itemKey + "' must not be empty");
      }
      if (!seen.add(text)) {
        throw new InvalidConfigException(
            where(item) + "config key '" + fullKey(key) + "' lists '" + text + "' more than once");
      }
      out.add(text);
    }
    return out;
  }

  /** A list of integers, each at least {@code min}. */
  List<Integer> intList(String key, int min) {
    List<Integer> out = new ArrayList<>();
    List<? extends ConfigValue> items = list(key, "a list of integers");
    for (int i = 0; i < items.size(); i++) {
      out.add(ConfigValues.intAtLeast(fullKey(key) + "[" + i + "]", items.get(i), min));
    }
    return out;
  }

  /** A list of rates, each a number in [0, 1). */
  List<Double> rateList(String key) {
    List<Double> out = new ArrayList<>();
    List<? extends ConfigValue> items = list(key, "a list of numbers");
    for (int i = 0; i < items.size(); i++) {
      ConfigValue item = items.get(i);
      String itemKey = fullKey(key) + "[" + i + "]";
      double d = decimal(itemKey, item);
      if (!(d >= 0 && d < 1)) {
        throw new InvalidConfigException(
            where(item) + "config key '" + itemKey + "' must be in [0, 1), found " + shown(item));
      }
      out.add(d);
    }
    return out;
  }

  /**
   * A free-form map of string settings. Nested objects are flattened with dots, so {@code
   * spark.executor.memory = 4g} and {@code "spark.executor.memory" = 4g} mean the same.
   */
  Map<String, String> stringMap(String key) {
    ConfigValue v = value(key);
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw wrongType(fullKey(key), v, "an object of string settings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    flatten(fullKey(key), "", (ConfigObject) v, out);
    return out;
  }

  private void flatten(String base, String prefix, ConfigObject object, Map<String, String> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String name = prefix + e.getKey();
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.OBJECT) {
        flatten(base, name + ".", (ConfigObject) v, out);
        continue;
      }
      String text = scalarText(v);
      if (text == null) {
        throw wrongType(base + "." + name, v, "a string");
      }
      out.put(name, text);
    }
  }

  private double number(String key) {
    return decimal(fullKey(key), value(key));
  }

  private List<? extends ConfigValue> list(String key, String expected) {
    ConfigValue v = value(key);
    if (v.valueType() != ConfigValueType.LIST) {
      throw wrongType(fullKey(key), v, expected);
    }
    return (ConfigList) v;
  }

  /** A value outside its range: names the key (and file:line), the rule and the value found. */
  InvalidConfigException outOfRange(String key, String rule) {
    ConfigValue v = value(key);
    return new InvalidConfigException(
        where(v) + "config key '" + fullKey(key) + "' " + rule + ", found " + shown(v));
  }

  /** The value at a dotted key below {@code mlp}; the reference guarantees every segment exists. */
  private ConfigValue value(String key) {
    ConfigValue v = mlp;
    for (String segment : key.split("\\.")) {
      v = ((ConfigObject) v).get(segment);
      if (v == null) {
        throw new IllegalStateException("reference.conf has no key mlp." + key);
      }
    }
    return v;
  }

  private static String fullKey(String key) {
    return "mlp." + key;
  }

  private static String bound(double b) {
    return b == Math.rint(b) ? Long.toString((long) b) : Double.toString(b);
  }
}

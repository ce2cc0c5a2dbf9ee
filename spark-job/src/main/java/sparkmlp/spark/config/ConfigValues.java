package sparkmlp.spark.config;

import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.regex.Pattern;

/**
 * One value of the configuration tree: its conversions to numbers and text, and the wording of its
 * errors ({@code file:line: config key '...': expected ..., found ...}). {@link SettingsReader}
 * finds the values; this class reads them.
 */
final class ConfigValues {

  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final int MAX_SHOWN = 60;

  private ConfigValues() {}

  /** An integer that is at least {@code min} and fits an {@code int}. */
  static int intAtLeast(String fullKey, ConfigValue v, int min) {
    long n = integer(fullKey, v);
    if (n < min) {
      throw new InvalidConfigException(
          where(v) + "config key '" + fullKey + "' must be >= " + min + ", found " + shown(v));
    }
    if (n > Integer.MAX_VALUE) {
      throw new InvalidConfigException(
          where(v)
              + "config key '"
              + fullKey
              + "' must be <= "
              + Integer.MAX_VALUE
              + ", found "
              + shown(v));
    }
    return (int) n;
  }

  /** An integer, or a string that spells one. */
  static long integer(String fullKey, ConfigValue v) {
    Object raw = v.unwrapped();
    if (v.valueType() == ConfigValueType.NUMBER
        && (raw instanceof Integer || raw instanceof Long)) {
      return ((Number) raw).longValue();
    }
    if (v.valueType() == ConfigValueType.STRING
        && INTEGER.matcher(((String) raw).strip()).matches()) {
      try {
        return Long.parseLong(((String) raw).strip());
      } catch (NumberFormatException tooLong) {
        // falls through to the type error below
      }
    }
    throw wrongType(fullKey, v, "an integer");
  }

  /** A number, or a string that spells one. */
  static double decimal(String fullKey, ConfigValue v) {
    Object raw = v.unwrapped();
    if (v.valueType() == ConfigValueType.NUMBER) {
      return ((Number) raw).doubleValue();
    }
    if (v.valueType() == ConfigValueType.STRING
        && DECIMAL.matcher(((String) raw).strip()).matches()) {
      return Double.parseDouble(((String) raw).strip());
    }
    throw wrongType(fullKey, v, "a number");
  }

  /** The text of a string, number or boolean as written; null for null, lists and objects. */
  static String scalarText(ConfigValue v) {
    return switch (v.valueType()) {
      case STRING -> (String) v.unwrapped();
      case NUMBER, BOOLEAN -> v.render();
      case NULL, LIST, OBJECT -> null;
    };
  }

  static InvalidConfigException wrongType(String fullKey, ConfigValue v, String expected) {
    return new InvalidConfigException(
        where(v)
            + "config key '"
            + fullKey
            + "': expected "
            + expected
            + ", found "
            + v.valueType()
            + (v.valueType() == ConfigValueType.NULL ? "" : " " + shown(v)));
  }

  /** {@code file:line: } when the value was read from a file, else empty. */
  static String where(ConfigValue v) {
    ConfigOrigin origin = v.origin();
    if (origin == null || origin.filename() == null) {
      return "";
    }
    return origin.filename() + (origin.lineNumber() >= 0 ? ":" + origin.lineNumber() : "") + ": ";
  }

  /** The value as the user wrote it, on one line and cut short when long. */
  static String shown(ConfigValue v) {
    String text = v.render(ConfigRenderOptions.concise());
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 3) + "...";
  }
}

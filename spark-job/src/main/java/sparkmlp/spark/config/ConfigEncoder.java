package sparkmlp.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link JobConfig} back into the HOCON tree it was read from. The settings records mirror
 * {@code reference.conf}: each record is a section and each component a key, named in kebab case
 * ({@code trainLabels} is {@code train-labels}); enums are written by their {@code id()}, an empty
 * optional as {@code auto}.
 */
final class ConfigEncoder {
  private static final String AUTO = "auto";

  private ConfigEncoder() {}

  static Config encode(JobConfig c) {
    // fromMap keeps "spark.executor.memory" (in mlp.spark.conf) as one key; parseMap would split
    // it.
    return ConfigValueFactory.fromMap(Map.of("mlp", section(c))).toConfig();
  }

  private static Map<String, Object> section(Record settings) {
    Map<String, Object> keys = new LinkedHashMap<>();
    for (RecordComponent c : settings.getClass().getRecordComponents()) {
      keys.put(kebab(c.getName()), value(call(c.getAccessor(), settings)));
    }
    return keys;
  }

  /** A setting's value as Typesafe takes it; null stays null (HOCON null). */
  private static Object value(Object v) {
    if (v instanceof Record r) {
      return section(r);
    }
    if (v instanceof Optional<?> o) {
      return o.map(ConfigEncoder::value).orElse(AUTO);
    }
    if (v instanceof Enum<?> e) {
      return call(methodId(e), e);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(ConfigEncoder::value).toList();
    }
    return v;
  }

  /** The {@code id()} every enumerated setting has (the word users write). */
  private static Method methodId(Enum<?> e) {
    try {
      return e.getDeclaringClass().getMethod("id");
    } catch (NoSuchMethodException missing) {
      throw new IllegalStateException(e.getDeclaringClass() + " has no id() method", missing);
    }
  }

  private static Object call(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + m + ": " + e, e);
    }
  }

  /** {@code batchSize} to {@code batch-size}. */
  private static String kebab(String name) {
    return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }
}

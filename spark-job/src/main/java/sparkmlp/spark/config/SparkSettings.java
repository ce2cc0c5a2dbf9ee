package sparkmlp.spark.config;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Spark session ({@code mlp.spark}).
 *
 * @param master master URL; {@code null} means the one spark-submit set, else {@code local[*]}
 * @param appName application name shown in the Spark UI
 * @param conf extra Spark settings, e.g. {@code spark.executor.memory -> 4g}, sorted by key
 */
public record SparkSettings(String master, String appName, Map<String, String> conf) {

  /** Copies the settings map into key order; rejects a missing app name and null map entries. */
  public SparkSettings {
    Objects.requireNonNull(appName, "appName");
    conf = Collections.unmodifiableMap(new TreeMap<>(Map.copyOf(conf)));
  }
}

package sparkmlp.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sparkmlp.spark.TestData;

/**
 * docs/configuration.md documents exactly the keys of reference.conf: one table row per key, whose
 * first cell is the full dotted key in backticks, e.g. {@code | `mlp.train.epochs` | `10` | ... |}.
 */
class ConfigurationDocTest {
  private static final String DOC = "docs/configuration.md";
  private static final String REFERENCE = "spark-job/src/main/resources/reference.conf";

  /** A table row whose first cell is a key: the doc's one format for documenting a key. */
  private static final Pattern KEY_ROW =
      Pattern.compile("^\\|\\s*`(mlp(?:\\.[A-Za-z0-9-]+)+)`\\s*\\|", Pattern.MULTILINE);

  @Test
  void everyReferenceKeyHasARowInTheDoc() throws IOException {
    Set<String> missing = new TreeSet<>(referenceKeys());
    missing.removeAll(documentedRows(Files.readString(TestData.root().resolve(DOC))).keySet());
    assertTrue(
        missing.isEmpty(),
        DOC
            + " has no row for these keys of "
            + REFERENCE
            + ": "
            + missing
            + "; add one row each: | `key` | default | meaning |");
  }

  @Test
  void everyKeyTheDocListsIsInTheReference() throws IOException {
    Set<String> unknown =
        new TreeSet<>(documentedRows(Files.readString(TestData.root().resolve(DOC))).keySet());
    unknown.removeAll(referenceKeys());
    assertTrue(
        unknown.isEmpty(), DOC + " lists keys that " + REFERENCE + " does not have: " + unknown);
  }

  @Test
  void theDocListsEveryKeyOnce() throws IOException {
    List<String> repeated =
        documentedRows(Files.readString(TestData.root().resolve(DOC))).entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .map(Map.Entry::getKey)
            .toList();
    assertTrue(repeated.isEmpty(), DOC + " has more than one row for " + repeated);
  }

  @Test
  void leafKeysIncludeNullValuesAndTheEmptySparkConf() throws IOException {
    Set<String> keys = referenceKeys();
    // null-valued keys (which Config.entrySet leaves out) and the empty object mlp.spark.conf count
    assertTrue(keys.contains("mlp.data.train"), keys.toString());
    assertTrue(keys.contains("mlp.spark.conf"), keys.toString());
    assertTrue(keys.contains("mlp.train.optimizer.learning-rate"), keys.toString());
    assertTrue(keys.stream().noneMatch(k -> k.equals("mlp.train") || k.equals("mlp")));
  }

  @Test
  void onlyRowsWhoseFirstCellIsAKeyCount() {
    String doc =
        String.join(
            "\n",
            "| key | default | meaning |",
            "|---|---|---|",
            "| `mlp.train.epochs` | `10` | Passes over the data. |",
            "|`mlp.log.progress`|`auto`| bar |",
            "| `mlp.train.epochs` | `10` | again |",
            "| `10` | `mlp.model.task` | a key in another cell |",
            "See `mlp.data.train` in prose.",
            "| `spark.task.maxDirectResultSize` | 100m | not an mlp key |");
    assertEquals(Map.of("mlp.train.epochs", 2, "mlp.log.progress", 1), documentedRows(doc));
  }

  /**
   * Every leaf of reference.conf under its root, null values and empty objects ({@code
   * mlp.spark.conf {}}) included; read from the source file, not the class path, where other jars'
   * reference.conf files would be merged in.
   */
  private static Set<String> referenceKeys() {
    Set<String> keys = new TreeSet<>();
    leaves(ConfigFactory.parseFile(TestData.root().resolve(REFERENCE).toFile()).root(), "", keys);
    return keys;
  }

  private static void leaves(ConfigObject object, String prefix, Set<String> into) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof ConfigObject o && !o.isEmpty()) {
        leaves(o, key + ".", into);
      } else {
        into.add(key);
      }
    }
  }

  /** The keys documented in {@code doc}, each with its number of rows. */
  private static Map<String, Integer> documentedRows(String doc) {
    Map<String, Integer> rows = new TreeMap<>();
    Matcher m = KEY_ROW.matcher(doc);
    while (m.find()) {
      rows.merge(m.group(1), 1, Integer::sum);
    }
    return rows;
  }
}

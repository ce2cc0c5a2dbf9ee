package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The Spark home the build assembles looks like a Spark 3.5.7 distribution and holds nothing else.
 */
class SparkHomeTest {

  private final SparkHome home = SparkHome.fromBuild();

  @Test
  void homeHasAnEmptyReleaseFileAndLoggingConfig() throws IOException {
    assertEquals(0, Files.size(home.root().resolve("RELEASE")));
    String log4j = Files.readString(home.conf().resolve("log4j2.properties"));
    assertTrue(log4j.contains("rootLogger.level = warn"), log4j);
    assertTrue(log4j.contains("SYSTEM_ERR"), log4j);
  }

  @Test
  void jarsHoldSpark357WithMllibAsADistributionDoes() {
    List<String> jars = home.jarNames();
    for (String module : List.of("spark-core", "spark-sql", "spark-mllib", "spark-launcher")) {
      assertTrue(jars.contains(module + "_2.12-3.5.7.jar"), module + " 3.5.7 missing from " + jars);
    }
    assertTrue(jars.contains("breeze_2.12-2.1.0.jar"), "breeze missing from " + jars);
    assertTrue(jars.contains("blas-3.0.3.jar"), "netlib blas missing from " + jars);
    assertTrue(
        jars.contains("hadoop-client-api-3.3.4.jar"), "hadoop-client-api missing from " + jars);
  }

  @Test
  void slf4jApiIsOnly2_0_7() {
    List<String> slf4j = home.jarNames().stream().filter(n -> n.startsWith("slf4j-api-")).toList();
    assertEquals(List.of("slf4j-api-2.0.7.jar"), slf4j);
  }

  @Test
  void everyArtifactIsThereInOneVersionOnly() {
    // name-VERSION[-classifier].jar; platform classifiers (netty's natives) share a version.
    Pattern jar = Pattern.compile("^(.+?)-(\\d[^-]*)(?:-.+)?\\.jar$");
    Map<String, Set<String>> versions = new TreeMap<>();
    for (String name : home.jarNames()) {
      Matcher m = jar.matcher(name);
      assertTrue(m.matches(), "jar without a version: " + name);
      versions.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
    }
    Map<String, Set<String>> several = new TreeMap<>(versions);
    several.values().removeIf(v -> v.size() == 1);
    assertEquals(Map.of(), several);
  }

  @Test
  void testToolsStayOutOfTheSparkHome() {
    List<String> strays =
        home.jarNames().stream()
            .filter(
                n ->
                    n.startsWith("junit")
                        || n.startsWith("hamcrest")
                        || n.startsWith("opentest4j")
                        || n.startsWith("hadoop-client-minicluster")
                        || n.startsWith("sparkmlp")
                        || n.startsWith("picocli")
                        || n.startsWith("config-"))
            .toList();
    assertEquals(List.of(), strays);
  }
}

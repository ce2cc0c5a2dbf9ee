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
 * The Spark home the build assembles looks like a distribution of its Spark line (3.5.7 with {@code
 * -Pspark-3.5}, 4.2.0 by default) and holds nothing else.
 */
class SparkHomeTest {

  /** What a distribution of each line ships (from each line's published parent pom). */
  private record Line(
      String spark,
      String scala,
      String netlib,
      String hadoop,
      String slf4j,
      String guava,
      String protobuf) {}

  private static final List<Line> LINES =
      List.of(
          new Line("3.5.7", "2.12", "3.0.3", "3.3.4", "2.0.7", "14.0.1", "3.19.6"),
          new Line("4.2.0", "2.13", "3.2.0", "3.5.0", "2.0.17", "33.6.0-jre", "4.33.5"));

  private final SparkHome home = SparkHome.fromBuild();

  /** The line whose spark-core jar the home holds. */
  private Line line() {
    List<String> jars = home.jarNames();
    return LINES.stream()
        .filter(l -> jars.contains("spark-core_" + l.scala() + "-" + l.spark() + ".jar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no spark-core of a known line in " + jars));
  }

  @Test
  void homeHasAnEmptyReleaseFileAndLoggingConfig() throws IOException {
    assertEquals(0, Files.size(home.root().resolve("RELEASE")));
    String log4j = Files.readString(home.conf().resolve("log4j2.properties"));
    assertTrue(log4j.contains("rootLogger.level = warn"), log4j);
    assertTrue(log4j.contains("SYSTEM_ERR"), log4j);
  }

  @Test
  void jarsHoldTheLinesSparkWithMllibAsADistributionDoes() {
    List<String> jars = home.jarNames();
    Line line = line();
    String suffix = "_" + line.scala() + "-" + line.spark() + ".jar";
    for (String module : List.of("spark-core", "spark-sql", "spark-mllib", "spark-launcher")) {
      assertTrue(jars.contains(module + suffix), module + suffix + " missing from " + jars);
    }
    assertTrue(jars.contains("breeze_" + line.scala() + "-2.1.0.jar"), "breeze: " + jars);
    assertTrue(jars.contains("blas-" + line.netlib() + ".jar"), "netlib blas: " + jars);
    assertTrue(
        jars.contains("hadoop-client-api-" + line.hadoop() + ".jar"), "hadoop-client-api: " + jars);
    assertTrue(jars.contains("guava-" + line.guava() + ".jar"), "guava: " + jars);
    assertTrue(jars.contains("protobuf-java-" + line.protobuf() + ".jar"), "protobuf: " + jars);
  }

  @Test
  void scalaVersionIsReadFromTheSparkCoreJar() {
    assertEquals(line().scala(), home.scalaBinaryVersion());
    assertEquals(
        line().scala(),
        home.javaProcess("64m", List.of(), "Main", List.of())
            .environment()
            .get("SPARK_SCALA_VERSION"));
  }

  @Test
  void slf4jApiIsOnlyTheLines() {
    List<String> slf4j = home.jarNames().stream().filter(n -> n.startsWith("slf4j-api-")).toList();
    assertEquals(List.of("slf4j-api-" + line().slf4j() + ".jar"), slf4j);
  }

  @Test
  void scalaLibraryIsTheLinesSparkScala() {
    List<String> scala =
        home.jarNames().stream().filter(n -> n.startsWith("scala-library-")).toList();
    assertEquals(1, scala.size(), scala.toString());
    assertTrue(scala.get(0).startsWith("scala-library-" + line().scala() + "."), scala.toString());
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
                        || n.startsWith("xchart")
                        || n.startsWith("config-"))
            .toList();
    assertEquals(List.of(), strays);
  }
}

package sparkmlp.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark distribution laid out by the build under {@code target/spark-home}: an empty {@code
 * RELEASE} (so Spark's launcher takes it for a distribution and looks in {@code jars/}), {@code
 * conf/} and {@code jars/}. Knows how to start a JVM from it the way Spark's scripts would.
 */
public record SparkHome(Path root) {

  /** System property the build sets to the assembled home. */
  public static final String HOME_PROPERTY = "sparkmlp.cluster.sparkHome";

  /**
   * System property the build sets to the JVM flags Spark's launcher adds on this Spark line (the
   * root pom's spark.java.options).
   */
  public static final String JVM_OPTIONS_PROPERTY = "sparkmlp.cluster.jvmOptions";

  /**
   * The flags of the root pom's {@code spark.add-opens}, for runs outside Maven (an IDE); enough
   * for both lines on Java 17.
   */
  private static final String DEFAULT_JVM_OPTIONS =
      Stream.of(
              "java.lang",
              "java.lang.invoke",
              "java.lang.reflect",
              "java.io",
              "java.net",
              "java.nio",
              "java.util",
              "java.util.concurrent",
              "java.util.concurrent.atomic",
              "jdk.internal.ref",
              "sun.nio.ch",
              "sun.nio.cs",
              "sun.security.action",
              "sun.util.calendar")
          .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
          .reduce("-Djdk.reflect.useDirectMethodHandle=false", (a, b) -> a + " " + b);

  public SparkHome {
    root = root.toAbsolutePath().normalize();
  }

  /** The home the build assembled, checked to be complete. */
  public static SparkHome fromBuild() {
    SparkHome home = new SparkHome(Path.of(System.getProperty(HOME_PROPERTY, "target/spark-home")));
    home.validate();
    return home;
  }

  /** {@code jars/}: the Spark runtime. */
  public Path jars() {
    return root.resolve("jars");
  }

  /** {@code conf/}: log4j2.properties. */
  public Path conf() {
    return root.resolve("conf");
  }

  /**
   * Fails, naming what is missing, unless RELEASE, conf/log4j2.properties and a spark-core jar are
   * there.
   */
  public void validate() {
    String hint =
        " (the build assembles it: run `mvn -B test` or `mvn -B process-test-resources` in cluster-test)";
    if (!Files.isRegularFile(root.resolve("RELEASE"))) {
      throw new IllegalStateException("Spark home " + root + " has no RELEASE file" + hint);
    }
    if (!Files.isRegularFile(conf().resolve("log4j2.properties"))) {
      throw new IllegalStateException(
          "Spark home " + root + " has no conf/log4j2.properties" + hint);
    }
    if (jarNames().stream().noneMatch(n -> n.startsWith("spark-core_"))) {
      throw new IllegalStateException(
          "Spark home " + root + " has no spark-core jar in jars/" + hint);
    }
  }

  /** File names in {@code jars/}, sorted. */
  public List<String> jarNames() {
    if (!Files.isDirectory(jars())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(jars())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".jar"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + jars(), e);
    }
  }

  /** The JVM flags every Spark JVM needs on Java 17. */
  public static List<String> moduleOptions() {
    String options =
        System.getProperty(JVM_OPTIONS_PROPERTY, "").isBlank()
            ? DEFAULT_JVM_OPTIONS
            : System.getProperty(JVM_OPTIONS_PROPERTY);
    return Arrays.stream(options.trim().split("\\s+")).toList();
  }

  /**
   * The Scala binary version of the Spark in {@code jars/} ({@code 2.12} for Spark 3.5, {@code
   * 2.13} for Spark 4), read from the spark-core jar's name as Spark's scripts read it from the
   * build.
   */
  public String scalaBinaryVersion() {
    Pattern core = Pattern.compile("^spark-core_(\\d+\\.\\d+)-.+\\.jar$");
    return jarNames().stream()
        .map(core::matcher)
        .filter(Matcher::matches)
        .map(m -> m.group(1))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no spark-core_2.x jar in " + jars()));
  }

  /**
   * A process builder for {@code java <heap> <module options> <extra> -cp conf:jars/* mainClass
   * args} with the environment Spark's scripts would set. Without SPARK_SCALA_VERSION a worker
   * cannot build an executor's command ("Cannot find any build directories").
   */
  public ProcessBuilder javaProcess(
      String heap, List<String> extraJvmOptions, String mainClass, List<String> args) {
    return javaProcess(heap, extraJvmOptions, mainClass, args, List.of());
  }

  /**
   * {@link #javaProcess(String, List, String, List)} with {@code classpathFirst} (e.g. a Hadoop
   * config folder, as Spark's scripts put HADOOP_CONF_DIR) ahead of {@code conf:jars/*}.
   */
  public ProcessBuilder javaProcess(
      String heap,
      List<String> extraJvmOptions,
      String mainClass,
      List<String> args,
      List<Path> classpathFirst) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.addAll(moduleOptions());
    command.addAll(extraJvmOptions);
    command.add("-cp");
    List<String> classpath = new ArrayList<>();
    classpathFirst.forEach(p -> classpath.add(p.toString()));
    classpath.add(conf().toString());
    classpath.add(jars().resolve("*").toString());
    command.add(String.join(File.pathSeparator, classpath));
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", root.toString());
    env.put("SPARK_CONF_DIR", conf().toString());
    env.put("SPARK_SCALA_VERSION", scalaBinaryVersion());
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("OPENBLAS_NUM_THREADS", "1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    // A developer's own Spark settings must not leak into the test cluster.
    env.remove("SPARK_MASTER");
    env.remove("SPARK_SUBMIT_OPTS");
    env.remove("SPARK_DAEMON_JAVA_OPTS");
    env.remove("HADOOP_CONF_DIR");
    env.remove("YARN_CONF_DIR");
    return builder;
  }
}

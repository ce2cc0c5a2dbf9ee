package sparkmlp.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to hand {@code SparkSubmit}: the application jar, its main class, its arguments, extra
 * {@code --conf} settings (which win over the harness's defaults), the driver's heap, the JVM
 * options of driver and executors, and how long it may run.
 */
public record SubmitRequest(
    Path appJar,
    String mainClass,
    List<String> args,
    Map<String, String> conf,
    Duration timeout,
    String driverHeap,
    List<String> jvmOptions) {

  /**
   * Default JVM options of driver and executors: the C1 compiler alone and a serial collector halve
   * the CPU a short run costs on two cores (118 s to 69 s for the smoke suite), at the price of
   * slower long-running numeric code. Runs that measure speed, or need C2 (the Vector API), pass
   * their own.
   */
  public static final List<String> FAST_START_JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  public SubmitRequest {
    args = List.copyOf(args);
    conf = Map.copyOf(conf);
    jvmOptions = List.copyOf(jvmOptions);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link SubmitRequest}: {@code setX} for required values, {@code optX} for optional
   * ones.
   */
  public static final class Builder {
    private Path appJar;
    private String mainClass;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> conf = new LinkedHashMap<>();
    private Duration timeout = Duration.ofMinutes(3);
    private String driverHeap = "512m";
    private List<String> jvmOptions = FAST_START_JVM_OPTIONS;

    private Builder() {}

    /** The application jar (for sparkmlp, the shaded {@code -job.jar}). */
    public Builder setAppJar(Path appJar) {
      this.appJar = appJar;
      return this;
    }

    public Builder setMainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    /** Appends application arguments. */
    public Builder optArgs(String... args) {
      this.args.addAll(List.of(args));
      return this;
    }

    /** Adds a {@code --conf key=value}. */
    public Builder optConf(String key, String value) {
      conf.put(key, value);
      return this;
    }

    /** How long {@link Submission#await} waits before killing the driver (default 3 minutes). */
    public Builder optTimeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** The driver JVM's heap, as in {@code -Xmx} (default 512m). */
    public Builder optDriverHeap(String driverHeap) {
      this.driverHeap = driverHeap;
      return this;
    }

    /**
     * Replaces {@link #FAST_START_JVM_OPTIONS} as the JVM options of the driver and the executors;
     * none at all leaves the JVM's defaults. A request's own {@code
     * spark.executor.defaultJavaOptions} wins for the executors.
     */
    public Builder optJvmOptions(String... options) {
      this.jvmOptions = List.of(options);
      return this;
    }

    public SubmitRequest build() {
      if (appJar == null || !Files.isRegularFile(appJar)) {
        throw new IllegalArgumentException("expected an existing application jar, got " + appJar);
      }
      if (mainClass == null || mainClass.isBlank()) {
        throw new IllegalArgumentException("expected a main class, got '" + mainClass + "'");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("expected a positive timeout, got " + timeout);
      }
      if (driverHeap == null || !driverHeap.matches("\\d+[kKmMgG]")) {
        throw new IllegalArgumentException(
            "expected a heap size such as 512m, got '" + driverHeap + "'");
      }
      for (String option : jvmOptions) {
        if (!option.startsWith("-") || option.contains(" ") || option.startsWith("-Xmx")) {
          throw new IllegalArgumentException(
              "expected JVM options such as -XX:+UseSerialGC, one per argument and no"
                  + " -Xmx (see optDriverHeap and spark.executor.memory), got '"
                  + option
                  + "'");
        }
      }
      return new SubmitRequest(
          appJar.toAbsolutePath(), mainClass, args, conf, timeout, driverHeap, jvmOptions);
    }
  }
}

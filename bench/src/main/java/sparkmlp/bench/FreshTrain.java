package sparkmlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sparkmlp.spark.cli.MlpCommand;
import sparkmlp.spark.config.JobConfig;

/**
 * The data benchmark's {@code mlp train} as a user runs it: in a JVM of its own, started with
 * {@code bin/mlp}'s heap and collector flags ({@code conf/jvm.options}, or {@code MLP_JAVA_OPTS};
 * {@code bin/bench} passes them as {@value #OPTIONS_PROPERTY}) and the Java 17 flags {@code
 * bin/mlp} shares with this JVM, running {@link MlpCommand}. {@link #main} runs the command line
 * in-process and prints the process's peak RSS ({@code VmHWM}) as its last line, so the figure is
 * the whole JVM's, from its start to the command's end; the seconds and cache bytes come from the
 * run's {@code summary.json}.
 */
final class FreshTrain {
  /** The system property holding {@code bin/mlp}'s heap and collector flags, space-separated. */
  static final String OPTIONS_PROPERTY = "sparkmlp.bench.mlpJavaOptions";

  private static final String PEAK = "peak_rss_bytes ";
  private static final String CPU = "cpu_seconds ";
  private static final long GIB = 1L << 30;

  private FreshTrain() {}

  /**
   * One run's figures.
   *
   * @param options the heap and collector flags it ran with
   * @param prepareSeconds {@code timings.prepare_seconds}
   * @param epochSeconds the first epoch's seconds
   * @param cacheBytes {@code data.cached_bytes}
   * @param peakRssBytes the JVM's peak resident set, bytes (−1 where {@code /proc} has none)
   * @param cpuSeconds the JVM's CPU seconds, every thread (tasks, collector, compiler), start to
   *     end
   */
  record Result(
      String options,
      double prepareSeconds,
      double epochSeconds,
      long cacheBytes,
      long peakRssBytes,
      double cpuSeconds) {
    /** Issue 24's bound: 1.5 × cache bytes + 1 GiB. */
    long boundBytes() {
      return cacheBytes + cacheBytes / 2 + GIB;
    }

    ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("jvm_options", options);
      o.put("prepare_seconds", prepareSeconds);
      o.put("epoch_seconds", epochSeconds);
      o.put("cache_bytes", cacheBytes);
      o.put("peak_rss_bytes", peakRssBytes);
      o.put("bound_bytes", boundBytes());
      o.put("within_bound", peakRssBytes >= 0 && peakRssBytes <= boundBytes());
      o.put("cpu_seconds", cpuSeconds);
      return o;
    }
  }

  /** {@code bin/mlp}'s heap and collector flags as {@code bin/bench} passed them; none if unset. */
  static String mlpOptions() {
    return System.getProperty(OPTIONS_PROPERTY, "").trim();
  }

  /**
   * Runs {@code config} as {@code mlp train} in a fresh JVM with the heap and collector flags
   * {@code options} (space-separated), its output in {@code dir}; its console lines go to {@code
   * log}.
   */
  static Result run(JobConfig config, String options, Path dir, PrintStream log) {
    Path conf = dir.resolve("mlp-train.conf");
    Path output = dir.resolve("model");
    try {
      Files.createDirectories(dir);
      Files.writeString(conf, config.render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = command(options);
    cmd.addAll(List.of("train", "--config", conf.toString(), "--output", output.toString()));
    long peak = -1;
    double cpu = -1;
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith(PEAK)) {
            peak = Long.parseLong(line.substring(PEAK.length()));
          } else if (line.startsWith(CPU)) {
            cpu = Double.parseDouble(line.substring(CPU.length()));
          } else {
            log.println(line);
          }
        }
      }
      if (p.waitFor() != 0) {
        throw new IllegalStateException("mlp train in a fresh JVM failed: " + cmd);
      }
      JsonNode s = new ObjectMapper().readTree(output.resolve("summary.json").toFile());
      return new Result(
          options,
          s.at("/timings/prepare_seconds").asDouble(),
          s.at("/epochs/0/seconds").asDouble(),
          s.at("/data/cached_bytes").asLong(),
          peak,
          cpu);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code config} once with each set of flags in {@code optionSets}, in turn, each in a
   * folder of {@code dir}.
   */
  static List<Result> runs(JobConfig config, List<String> optionSets, Path dir, Progress out) {
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < optionSets.size(); i++) {
      String options = optionSets.get(i);
      out.line("mlp train in a fresh JVM as bin/mlp starts it: %s", options);
      Result r = run(config, options, dir.resolve("jvm-" + i), System.err);
      out.line(
          "  preparation %.1f s, epoch %.1f s, %.1f CPU s, peak RSS %.0f MB (bound %.0f MB)",
          r.prepareSeconds(),
          r.epochSeconds(),
          r.cpuSeconds(),
          r.peakRssBytes() / 1e6,
          r.boundBytes() / 1e6);
      results.add(r);
    }
    return results;
  }

  /** The runs as a JSON array. */
  static ArrayNode toJson(List<Result> results) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    results.forEach(r -> a.add(r.toJson()));
    return a;
  }

  /** One line per run of each row's {@code mlp_jvm_runs}. */
  static void printTable(ArrayNode rows, Progress out) {
    out.line(
        "%10s %7s %9s %9s %9s %9s %9s %9s %4s  %s",
        "rows",
        "format",
        "prep s",
        "epoch s",
        "CPU s",
        "cache MB",
        "RSS MB",
        "bound MB",
        "met",
        "JVM (mlp train)");
    for (JsonNode row : rows) {
      for (JsonNode r : row.path("mlp_jvm_runs")) {
        out.line(
            "%10d %7s %9.1f %9.1f %9.1f %9.0f %9.0f %9.0f %4s  %s",
            row.get("rows").asLong(),
            row.path("format").asText("csv"),
            r.get("prepare_seconds").asDouble(),
            r.get("epoch_seconds").asDouble(),
            r.get("cpu_seconds").asDouble(),
            r.get("cache_bytes").asLong() / 1e6,
            r.get("peak_rss_bytes").asLong() / 1e6,
            r.get("bound_bytes").asLong() / 1e6,
            r.get("within_bound").asBoolean() ? "yes" : "no",
            r.get("jvm_options").asText());
      }
    }
  }

  /**
   * {@code java}, the heap and collector flags, the flags {@code bin/mlp} shares with this JVM
   * (modules, opens, reflection, logging), this class path and this class.
   */
  private static List<String> command(String options) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Arrays.stream(options.split("\\s+")).filter(o -> !o.isEmpty()).forEach(cmd::add);
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-Djdk.reflect.") || a.startsWith("-Dlog4j2.")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FreshTrain.class.getName()));
    return cmd;
  }

  /**
   * {@code FreshTrain ARGS...}: {@code mlp ARGS...}, then {@code peak_rss_bytes N} and {@code
   * cpu_seconds S}; exits as mlp.
   */
  public static void main(String[] args) {
    int code = MlpCommand.run(args, System.out, System.err);
    System.out.println(PEAK + DataBench.peakRssBytes());
    System.out.println(CPU + FreshPreparation.processCpuNanos() / 1e9);
    System.out.flush();
    System.exit(code);
  }
}

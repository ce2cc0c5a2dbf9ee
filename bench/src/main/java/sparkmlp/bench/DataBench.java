package sparkmlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.run.TrainJob;
import sparkmlp.spark.run.TrainOptions;
import sparkmlp.spark.session.SparkSessions;

/**
 * {@code bin/bench --data}: preparation throughput on a generated CSV ({@link CsvGenerator}) of
 * each size, against Spark's own CSV source on the same file. Per size: {@code mlp train} of a
 * 100-64-5 network for one epoch, float storage and compute, batch 1024 — preparation seconds and
 * rows/s, the epoch's rows/s, cache bytes, and this JVM's peak RSS ({@code VmHWM}, reset before the
 * run) — then Spark's read of the file with the schema given, every column summed: once in a fresh
 * JVM (as this JVM's first preparation is) and once in this one. Then, alternately for {@link
 * #FRESH_ROUNDS} rounds, the preparation alone ({@link FreshPreparation}) and Spark's read, each in
 * a fresh JVM, with wall and process CPU seconds; the best of each is kept, and their CPU ratio is
 * the figure a machine loaded by other work disturbs least. Last, the peak RSS reported: {@code mlp
 * train} once more in a JVM started as {@code bin/mlp} starts it ({@link FreshTrain}); the bench
 * JVM's own peak is kept as {@code bench_jvm_peak_rss_bytes}.
 */
final class DataBench {
  private static final int CLASSES = 5;
  private static final int FRESH_ROUNDS = 2;

  private DataBench() {}

  /**
   * Runs every size in every format, prints the table and appends the rows to {@code
   * <results>/data.jsonl}.
   */
  static int command(
      String master,
      Path results,
      List<Long> sizes,
      int features,
      List<String> formats,
      List<String> jvmOptions,
      String stamp,
      Progress out) {
    for (String format : formats) {
      if (!DataFiles.FORMATS.contains(format)) {
        throw new IllegalArgumentException(
            "--data-format: expected one of " + DataFiles.FORMATS + ", found '" + format + "'");
      }
    }
    Path work = results.resolve("work");
    JobConfig base = ConfigLoader.load(null, List.of("spark.master=\"" + master + "\""));
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    List<Path> files = new ArrayList<>();
    for (long n : sizes) {
      out.line("generating (once) %d x %d x %d ...", n, features, CLASSES);
      files.add(CsvGenerator.file(work, n, features, CLASSES));
    }
    SparkSession spark = SparkSessions.create(base.spark(), master);
    try {
      for (int i = 0; i < sizes.size(); i++) {
        for (String format : formats) {
          if (!format.equals("csv")) {
            out.line("converting (once) to %s ...", format);
          }
          Path file = DataFiles.in(format, files.get(i), features, spark);
          ObjectNode row =
              measure(spark, master, results, file, sizes.get(i), features, format, out);
          // The peak RSS reported is that of mlp train as bin/mlp starts it, in a JVM of its own.
          List<FreshTrain.Result> asUser =
              FreshTrain.runs(
                  trainConfig(master, file.toString(), null, format),
                  jvmOptions,
                  results.resolve("data-mlp"),
                  out);
          row.put("bench_jvm_peak_rss_bytes", row.get("peak_rss_bytes").asLong());
          row.put("peak_rss_bytes", asUser.get(0).peakRssBytes());
          row.set("mlp_jvm_runs", FreshTrain.toJson(asUser));
          rows.add(row);
        }
      }
    } finally {
      spark.stop();
    }
    for (JsonNode r : rows) {
      ((ObjectNode) r).put("timestamp", stamp);
      append(results.resolve("data.jsonl"), r.toString());
    }
    printTable(rows, !formats.equals(List.of("csv")), out);
    FreshTrain.printTable(rows, out);
    return 0;
  }

  private static ObjectNode measure(
      SparkSession spark,
      String master,
      Path results,
      Path file,
      long n,
      int features,
      String format,
      Progress out) {
    out.line("%s: mlp train, 1 epoch, float", file.getFileName());
    String load = loadAverage();
    resetPeakRss();
    JobConfig config = trainConfig(master, file.toString(), results.resolve("data-run"), format);
    TrainJob.Result r =
        new TrainJob(spark, config, new TrainOptions(false, null, false), System.err, System.err)
            .run();
    long peak = peakRssBytes();
    JsonNode s = r.summary();
    double prepare = s.at("/timings/prepare_seconds").asDouble();
    double epoch = r.history().get(0).seconds();
    boolean csv = format.equals("csv");
    double warm =
        csv
            ? SparkCsvRead.seconds(spark, file.toString(), features)
            : SparkFormatRead.seconds(spark, file.toString(), features, format);
    double fresh = Double.MAX_VALUE;
    double freshCpu = Double.MAX_VALUE;
    double prepFresh = Double.MAX_VALUE;
    double prepCpu = Double.MAX_VALUE;
    for (int round = 1; round <= FRESH_ROUNDS; round++) {
      // Alternated, so that a change in the machine's load falls on both alike.
      out.line("%s: preparation alone in a fresh JVM (round %d)", file.getFileName(), round);
      double[] p = fresh(FreshPreparation.class, List.of(file.toString(), master, format));
      out.line("  %.1f s, %.1f CPU s", p[0], p[1]);
      out.line(
          "%s: Spark's %s source in a fresh JVM (round %d)",
          file.getFileName(), csv ? "CSV" : format, round);
      String width = Integer.toString(features);
      double[] c =
          csv
              ? fresh(SparkCsvRead.class, List.of(file.toString(), width, master))
              : fresh(SparkFormatRead.class, List.of(file.toString(), width, master, format));
      out.line("  %.1f s, %.1f CPU s", c[0], c[1]);
      prepFresh = Math.min(prepFresh, p[0]);
      prepCpu = Math.min(prepCpu, p[1]);
      fresh = Math.min(fresh, c[0]);
      freshCpu = Math.min(freshCpu, c[1]);
    }
    // CSV rows keep the keys they always had; another format's name its own reader.
    String ref = "spark_" + format;
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    if (!csv) {
      row.put("format", format);
    }
    row.put("rows", n);
    row.put("features", features);
    row.put("classes", CLASSES);
    row.put("file_bytes", size(file));
    row.put("spark_version", spark.version());
    row.put("load_average_at_start", load);
    row.put("prepare_seconds", prepare);
    row.put("prepare_rows_per_second", n / prepare);
    row.put("epoch_seconds", epoch);
    row.put("epoch_rows_per_second", n / epoch);
    row.put("cache_bytes", s.at("/data/cached_bytes").asLong());
    row.put("peak_rss_bytes", peak);
    row.put(ref + "_fresh_jvm_seconds", fresh);
    row.put(ref + "_same_jvm_seconds", warm);
    row.put("prepare_over_" + ref + "_fresh", prepare / fresh);
    row.put("prepare_over_" + ref + "_same_jvm", prepare / warm);
    row.put("fresh_rounds", FRESH_ROUNDS);
    row.put("prepare_fresh_jvm_seconds", prepFresh);
    row.put("prepare_fresh_jvm_cpu_seconds", prepCpu);
    row.put(ref + "_fresh_jvm_cpu_seconds", freshCpu);
    row.put("prepare_alone_over_" + ref + "_fresh", prepFresh / fresh);
    row.put("prepare_alone_over_" + ref + "_fresh_cpu", prepCpu / freshCpu);
    return row;
  }

  /** The configuration of the data benchmark's {@code mlp train} of a file in {@code format}. */
  static JobConfig trainConfig(String master, String file, Path outputDir, String format) {
    return ConfigLoader.load(
        null,
        List.of(
            "spark.master=\"" + master + "\"",
            "mlp.data.train=\"" + file + "\"",
            "mlp.data.format=" + format,
            "mlp.model.hidden-layers=[64]",
            "mlp.train.precision=float",
            "mlp.data.storage=float",
            "mlp.train.epochs=1",
            "mlp.train.batch-size=1024",
            "mlp.output.dir=\"" + (outputDir == null ? "unused" : outputDir) + "\""));
  }

  /**
   * Runs {@code main}'s class in a JVM of its own, started with this one's class path and flags;
   * returns the {@code seconds} and {@code cpu_seconds} it prints.
   */
  private static double[] fresh(Class<?> main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(args);
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String seconds = null;
      String cpu = null;
      try (BufferedReader in =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("seconds ")) {
            seconds = line.substring(8);
          } else if (line.startsWith("cpu_seconds ")) {
            cpu = line.substring(12);
          }
        }
      }
      if (p.waitFor() != 0 || seconds == null || cpu == null) {
        throw new IllegalStateException("the fresh-JVM run failed: " + cmd);
      }
      return new double[] {Double.parseDouble(seconds), Double.parseDouble(cpu)};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The 1-, 5- and 15-minute load averages ({@code /proc/loadavg}): how busy the machine was. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Resets the process's peak RSS (Linux: {@code 5} to {@code /proc/self/clear_refs}). */
  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException e) {
      // Not Linux, or not allowed: the peak is then the process's since it started.
    }
  }

  /** {@code VmHWM} of {@code /proc/self/status}, in bytes; −1 where there is none. */
  static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** A file's bytes, or a directory's (Parquet part files) summed. */
  private static long size(Path file) {
    try (var files = Files.walk(file)) {
      return files.filter(Files::isRegularFile).mapToLong(DataBench::fileSize).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(Path file, String line) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file,
          line + "\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The table; {@code formats}: a first column names each row's format (not for CSV alone). */
  private static void printTable(ArrayNode rows, boolean formats, Progress out) {
    String first = formats ? "%-8s " : "%s";
    out.line(
        first + "%10s %9s %11s %9s %11s %9s %9s %9s %9s %7s %9s %7s %7s",
        formats ? "format" : "",
        "rows",
        "prep s",
        "prep rows/s",
        "epoch s",
        "epoch r/s",
        "cache MB",
        "RSS MB",
        "spark 1st",
        "spark 2nd",
        "ratio",
        "alone s",
        "ratio",
        "CPU r.");
    for (JsonNode r : rows) {
      String format = r.path("format").asText("csv");
      String ref = "spark_" + format;
      out.line(
          first + "%10d %9.1f %11.0f %9.1f %11.0f %9.0f %9.0f %9.1f %9.1f %7.2f %9.1f %7.2f %7.2f",
          formats ? format : "",
          r.get("rows").asLong(),
          r.get("prepare_seconds").asDouble(),
          r.get("prepare_rows_per_second").asDouble(),
          r.get("epoch_seconds").asDouble(),
          r.get("epoch_rows_per_second").asDouble(),
          r.get("cache_bytes").asLong() / 1e6,
          r.get("peak_rss_bytes").asLong() / 1e6,
          r.get(ref + "_fresh_jvm_seconds").asDouble(),
          r.get(ref + "_same_jvm_seconds").asDouble(),
          r.get("prepare_over_" + ref + "_fresh").asDouble(),
          r.get("prepare_fresh_jvm_seconds").asDouble(),
          r.get("prepare_alone_over_" + ref + "_fresh").asDouble(),
          r.get("prepare_alone_over_" + ref + "_fresh_cpu").asDouble());
    }
  }
}

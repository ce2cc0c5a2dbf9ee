package sparkmlp.spark.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import sparkmlp.core.format.Json;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.TestData;
import sparkmlp.spark.cli.MlpCommand;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.JobConfig;

/**
 * Runs {@code mlp retrain} and {@code mlp registry} in-process on the shared local[2] session
 * against a registry in a temporary folder, with iris as the data.
 */
final class RegistryFixture {
  record Run(int exitCode, String out, String err) {
    String lastOutLine() {
      String[] lines = out.strip().split("\\R");
      return lines[lines.length - 1];
    }

    String errorLine() {
      String[] lines = err.strip().split("\\R");
      return lines[lines.length - 1];
    }

    JsonNode decision() {
      try {
        return Json.MAPPER.readTree(lastOutLine());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static final String TRAIN = TestData.dataset("iris", "train.csv");
  static final String TEST = TestData.dataset("iris", "test.csv");

  final Path registry;

  RegistryFixture(Path registry) {
    this.registry = registry;
  }

  /** retrain with iris, 10 epochs, the given extra --set values and flags. */
  Run retrain(String runId, String train, String... extra) {
    return retrain(null, runId, train, extra);
  }

  Run retrain(OutputStream tap, String runId, String train, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "retrain",
                "--config",
                TestData.conf("iris.conf"),
                "--run-id",
                runId,
                "--set",
                "registry.dir=" + registry,
                "--set",
                "data.train=" + train,
                "--set",
                "data.test=" + TEST,
                "--set",
                "train.epochs=10",
                "--set",
                "log.progress=never"));
    for (String e : extra) {
      if (e.startsWith("--")) {
        args.add(e);
      } else {
        args.add("--set");
        args.add(e);
      }
    }
    return mlp(tap, args.toArray(String[]::new));
  }

  /**
   * retrain as {@code mlp retrain} runs it, but with {@code points} told each named point of the
   * run (tests throw there to simulate a driver dying); exit codes as the command's: 6 for a lock,
   * 7 superseded, 1 for anything thrown.
   */
  Run retrainWith(
      java.util.function.Consumer<String> points,
      OutputStream tap,
      String runId,
      String train,
      String... extra) {
    List<String> sets =
        new ArrayList<>(
            List.of(
                "registry.dir=\"" + registry + "\"",
                "data.train=\"" + train + "\"",
                "data.test=\"" + TEST + "\"",
                "train.epochs=10",
                "log.progress=never"));
    sets.addAll(List.of(extra));
    Path conf = Path.of(TestData.conf("iris.conf"));
    JobConfig base = ConfigLoader.load(conf, sets);
    List<String> all = new ArrayList<>(sets);
    all.addAll(RetrainJob.overrides(base.registry(), runId));
    JobConfig config = ConfigLoader.load(conf, all);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code;
    try {
      RetrainJob.Outcome o =
          new RetrainJob(
                  SharedSpark.session(),
                  config,
                  runId,
                  new RetrainJob.Console(
                      new PrintStream(tee(out, tap), true, StandardCharsets.UTF_8), e, false),
                  points)
              .run();
      code = o.superseded() ? 7 : 0;
      if (o.superseded()) {
        e.println("error: run " + runId + " " + o.decision().path("reason").asText());
      }
    } catch (RunLockedException | LockLostException x) {
      e.println("error: " + x.getMessage());
      code = 6;
    } catch (RuntimeException x) {
      e.println("error: " + x.getClass().getName() + ": " + x.getMessage());
      code = 1;
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static OutputStream tee(OutputStream out, OutputStream tap) {
    return tap == null
        ? out
        : new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            out.write(b);
            tap.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            tap.write(b, off, len);
          }
        };
  }

  static Run mlp(String... args) {
    return mlp(null, args);
  }

  /** Runs mlp; {@code tap}, when given, also receives stdout (and may throw to simulate a kill). */
  static Run mlp(OutputStream tap, String... args) {
    SharedSpark.session();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    OutputStream o =
        tap == null
            ? out
            : new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                out.write(b);
                tap.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                tap.write(b, off, len);
              }
            };
    int code =
        MlpCommand.run(
            args,
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every file under the registry with its bytes, by relative path. */
  Map<String, String> snapshot() {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(registry)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(registry.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  String champion() {
    try {
      Path p = registry.resolve("champion");
      return Files.exists(p) ? Json.MAPPER.readTree(p.toFile()).path("version").asText() : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<JsonNode> history() {
    try {
      Path p = registry.resolve("history.jsonl");
      List<JsonNode> out = new ArrayList<>();
      if (Files.exists(p)) {
        for (String l : Files.readAllLines(p)) {
          out.add(Json.MAPPER.readTree(l));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Iris training rows rewritten by {@code edit} (header kept) into {@code dir/name}. */
  static String rewrite(
      Path dir, String name, java.util.function.UnaryOperator<List<String[]>> edit) {
    List<String[]> rows = edit.apply(TestData.rows(TRAIN));
    StringBuilder sb = new StringBuilder(TestData.header(TRAIN)).append('\n');
    for (String[] r : rows) {
      sb.append(String.join(",", r)).append('\n');
    }
    return TestData.write(dir, name, sb.toString()).toString();
  }
}

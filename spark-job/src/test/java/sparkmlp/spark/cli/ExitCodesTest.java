package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import sparkmlp.core.format.FormatException;
import sparkmlp.core.train.DivergenceException;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.MissingColumnException;

/** Each exception type we own maps to its exit code; anything else is a plain failure (1). */
class ExitCodesTest {

  private record Reported(int code, String line) {}

  private static Reported report(Throwable t) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ExitCodes.report(t, new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Reported(code, err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void configErrorsAreUsage() {
    assertEquals(
        new Reported(2, "error: config key 'mlp.x' must be >= 1, found 0"),
        report(new InvalidConfigException("config key 'mlp.x' must be >= 1, found 0")));
    assertEquals(
        new Reported(2, "error: d.csv: no label column 'lable'; columns are: a, label"),
        report(
            new RuntimeException(
                new MissingColumnException(
                    "d.csv: no label column 'lable'; columns are: a, label"))));
    assertEquals(
        new Reported(2, "error: --output-format: expected csv or parquet, found 'xls'"),
        report(
            new CommandLine.ParameterException(
                new CommandLine(new MlpCommand()),
                "--output-format: expected csv or parquet, found 'xls'")));
  }

  @Test
  void badDataAndCorruptFilesAreBadInput() {
    assertEquals(
        new Reported(3, "error: d.csv:3:2: expected a number in column 'b', found 'x'"),
        report(
            new SparkException(
                "Job aborted",
                new InputException("d.csv:3:2: expected a number in column 'b', found 'x'"))));
    assertEquals(
        new Reported(3, "error: m.mlp: checksum mismatch: the file is corrupt"),
        report(new FormatException("m.mlp: checksum mismatch: the file is corrupt")));
  }

  @Test
  void divergenceHasItsOwnCode() {
    Reported r = report(new DivergenceException("loss is NaN", 1, 2));
    assertEquals(4, r.code());
  }

  @Test
  void aSupersededRegistryChangeHasItsOwnCode() {
    Reported r =
        report(
            new RuntimeException(
                new sparkmlp.spark.registry.SupersededException(
                    "/reg: superseded: the champion changed from a to b")));
    assertEquals(7, r.code());
    assertEquals("error: /reg: superseded: the champion changed from a to b", r.line());
  }

  @Test
  void anIllegalArgumentFromABugIsAPlainFailure() {
    assertEquals(
        new Reported(
            1,
            "error: java.lang.IllegalArgumentException: index -1 (set MLP_STACKTRACE=1 for the"
                + " stack trace)"),
        report(new IllegalArgumentException("index -1")));
    assertEquals(1, report(new UncheckedIOException(new java.io.IOException("disk full"))).code());
  }
}

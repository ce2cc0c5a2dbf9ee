package sparkmlp.spark.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import sparkmlp.spark.SharedSpark;

/** Runs {@code mlp} in-process on the shared local[2] session and captures what it prints. */
final class CliRunner {
  record Run(int exitCode, String out, String err) {
    /** The last non-empty line on stderr. */
    String errorLine() {
      String[] lines = err.strip().split("\\R");
      return lines[lines.length - 1];
    }
  }

  private CliRunner() {}

  static Run mlp(String... args) {
    SharedSpark.session();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        MlpCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}

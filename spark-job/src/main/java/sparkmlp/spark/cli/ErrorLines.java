package sparkmlp.spark.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command's stderr, passed through unchanged, remembering the last {@code error: } line: the
 * one line every failure prints, which the status file and a cluster-mode failure carry.
 */
final class ErrorLines extends PrintStream {
  private static final String PREFIX = "error: ";

  ErrorLines(PrintStream err) {
    super(new Tee(err), true, StandardCharsets.UTF_8);
  }

  /** The last line that started with {@code error: }, whole, or null if none. */
  String lastError() {
    flush();
    return ((Tee) out).last;
  }

  private static final class Tee extends OutputStream {
    private final PrintStream err;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private String last;

    Tee(PrintStream err) {
      this.err = err;
    }

    @Override
    public void write(int b) {
      err.write(b);
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
        if (text.startsWith(PREFIX)) {
          last = text;
        }
        line.reset();
      } else if (b == '\r') {
        line.reset(); // a progress bar redraws its line: keep only what follows
      } else {
        line.write(b);
      }
    }

    @Override
    public void flush() throws IOException {
      err.flush();
    }
  }
}

package sparkmlp.spark.config;

/**
 * A configuration the job cannot run with. The message is a single line that names the file and
 * line (when known), the full key, what was expected and what was found.
 */
public final class InvalidConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; line breaks in {@code message} are folded so it stays one line. */
  public InvalidConfigException(String message) {
    super(oneLine(message));
  }

  /** Creates the exception with the Typesafe (or I/O) error it was translated from. */
  public InvalidConfigException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}

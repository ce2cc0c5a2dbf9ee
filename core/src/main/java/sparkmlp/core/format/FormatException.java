package sparkmlp.core.format;

/**
 * A model or checkpoint file that cannot be read as one: bad magic bytes, a malformed header,
 * truncation, a checksum mismatch. The message starts with the file's name.
 */
public final class FormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} names the file and what is wrong with it. */
  public FormatException(String message) {
    super(message);
  }
}

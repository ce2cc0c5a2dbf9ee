package sparkmlp.spark.io;

/**
 * A column named in the configuration (or on the command line) that the data does not have: the
 * data is readable, the setting that names it is what is wrong, so the CLI reports it as a config
 * error.
 */
public final class MissingColumnException extends InputException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message names the data, the column and the columns there are. */
  public MissingColumnException(String message) {
    super(message);
  }
}

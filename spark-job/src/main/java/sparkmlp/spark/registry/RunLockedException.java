package sparkmlp.spark.registry;

/** Another live run holds the lock this run needs; the command exits with its own code. */
public final class RunLockedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RunLockedException(String message) {
    super(message);
  }
}

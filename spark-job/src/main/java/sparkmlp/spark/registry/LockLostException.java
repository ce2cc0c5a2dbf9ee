package sparkmlp.spark.registry;

/**
 * This run no longer holds its lock (taken over, or its heartbeat failed): it stops before writing,
 * and the command exits with the lock's exit code.
 */
public final class LockLostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LockLostException(String message) {
    super(message);
  }
}

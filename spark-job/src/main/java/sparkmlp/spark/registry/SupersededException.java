package sparkmlp.spark.registry;

/**
 * A registry change was not applied because the champion changed after the change was decided (the
 * compare-and-set of the pointer failed); the command exits with its own code.
 */
public final class SupersededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SupersededException(String message) {
    super(message);
  }
}

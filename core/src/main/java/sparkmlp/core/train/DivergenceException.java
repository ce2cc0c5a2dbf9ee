package sparkmlp.core.train;

/** Training produced a NaN or infinite loss or weight; names where, 1-based. */
public final class DivergenceException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  public DivergenceException(String what, int epoch, int step) {
    super(
        "training diverged: "
            + what
            + " at epoch "
            + (epoch + 1)
            + ", step "
            + (step + 1)
            + "; lower the learning rate (the last good checkpoint is kept)");
  }
}

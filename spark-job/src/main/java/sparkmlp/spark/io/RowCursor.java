package sparkmlp.spark.io;

/**
 * One partition's examples read one at a time into buffers the cursor reuses, so that a pass over
 * the data allocates nothing per cell. What {@link #features()} and {@link #labels()} return is
 * valid until the next call of {@link #next()}.
 */
public interface RowCursor {

  /** Moves to the next example; false when there is none. Bad input throws an InputException. */
  boolean next();

  /** The example's 0-based index in the whole input (see {@link RawExample#index()}). */
  long index();

  /** The example's features, unscaled. */
  double[] features();

  /** The example's raw label tokens, one per label column. */
  String[] labels();

  /** The example's weight (1 unless a DataFrame's weight column says). */
  double weight();
}

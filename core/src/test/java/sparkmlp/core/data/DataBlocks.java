package sparkmlp.core.data;

/** Data blocks written out as rows, for tests (main code stacks examples as it reads them). */
public final class DataBlocks {
  private DataBlocks() {}

  /** Builds a block from row arrays, checking every value (see {@link DataBlock#checkFinite}). */
  public static DataBlock fromRows(double[][] features, double[][] targets) {
    if (features.length != targets.length) {
      throw new IllegalArgumentException(
          "expected as many target rows as feature rows ("
              + features.length
              + "), found "
              + targets.length);
    }
    if (features.length == 0) {
      throw new IllegalArgumentException("expected at least one example, found an empty batch");
    }
    int nf = features[0].length;
    int nt = targets[0].length;
    double[] x = new double[features.length * nf];
    double[] y = new double[features.length * nt];
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != nf) {
        throw new IllegalArgumentException(
            "example " + i + ": expected " + nf + " features, found " + features[i].length);
      }
      if (targets[i].length != nt) {
        throw new IllegalArgumentException(
            "example " + i + ": expected " + nt + " targets, found " + targets[i].length);
      }
      System.arraycopy(features[i], 0, x, i * nf, nf);
      System.arraycopy(targets[i], 0, y, i * nt, nt);
    }
    DataBlock b = DataBlock.of(nf, nt, x, y, null);
    b.checkFinite();
    return b;
  }
}

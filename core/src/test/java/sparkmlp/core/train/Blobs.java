package sparkmlp.core.train;

import java.util.SplittableRandom;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.DataBlocks;

/**
 * Seeded Gaussian blobs: k classes in d dimensions, centres on the axes, for fast training tests.
 */
final class Blobs {
  private Blobs() {}

  static DataBlock of(int n, int d, int k, double spread, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    double[][] y = new double[n][1];
    for (int i = 0; i < n; i++) {
      int c = i % k;
      y[i][0] = c;
      for (int j = 0; j < d; j++) {
        x[i][j] = (j == c % d ? 2.0 : 0.0) + spread * rnd.nextGaussian();
      }
    }
    return DataBlocks.fromRows(x, y);
  }
}

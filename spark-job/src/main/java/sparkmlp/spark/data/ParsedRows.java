package sparkmlp.spark.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.spark.io.RowCursor;

/**
 * One input partition's rows as the survey parsed them: indices, raw features as doubles (so every
 * later value is computed from the same double as before), label tokens by number, weights, and the
 * partition's statistics. Kept on disk between the survey and the blocks ({@link DataSurvey}), so
 * the text is parsed once; read back through {@link #cursor()}.
 */
final class ParsedRows implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int nf;
  private final int nl;
  private long[] indices = new long[64];
  private double[] x;
  private int[] labelIds;
  private double[] w;
  private final List<String> tokens = new ArrayList<>();
  private transient Map<String, Integer> tokenIds = new HashMap<>();
  private final FeatureStats stats;
  private int n;

  ParsedRows(int nf, int nl, boolean withStats) {
    this.nf = nf;
    this.nl = nl;
    this.x = new double[64 * nf];
    this.labelIds = new int[64 * nl];
    this.stats = withStats ? new FeatureStats(nf) : null;
  }

  /** Keeps the cursor's current row (and adds its features to the statistics). */
  void add(RowCursor row) {
    if (n == indices.length) {
      int cap = 2 * n;
      indices = Arrays.copyOf(indices, cap);
      x = Arrays.copyOf(x, cap * nf);
      labelIds = Arrays.copyOf(labelIds, cap * nl);
      w = w == null ? null : Arrays.copyOf(w, cap);
    }
    double weight = row.weight();
    if (w == null && weight != 1.0) {
      w = new double[indices.length];
      Arrays.fill(w, 0, n, 1.0);
    }
    if (w != null) {
      w[n] = weight;
    }
    indices[n] = row.index();
    System.arraycopy(row.features(), 0, x, n * nf, nf);
    String[] labels = row.labels();
    for (int k = 0; k < nl; k++) {
      labelIds[n * nl + k] = tokenId(labels[k]);
    }
    if (stats != null) {
      stats.add(row.features(), 0);
    }
    n++;
  }

  private int tokenId(String token) {
    Integer id = tokenIds.get(token);
    if (id == null) {
      id = tokens.size();
      tokens.add(token);
      tokenIds.put(token, id);
    }
    return id;
  }

  /** Drops the spare capacity before the rows are written out. */
  ParsedRows trim() {
    indices = Arrays.copyOf(indices, n);
    x = Arrays.copyOf(x, n * nf);
    labelIds = Arrays.copyOf(labelIds, n * nl);
    w = w == null ? null : Arrays.copyOf(w, n);
    return this;
  }

  /** The distinct label tokens of these rows (every label column). */
  List<String> tokens() {
    return tokens;
  }

  /** The statistics of every row, in index order; null when not asked for. */
  FeatureStats stats() {
    return stats;
  }

  /** The rows again, as the cursor that parsed them returned them. */
  RowCursor cursor() {
    double[] features = new double[nf];
    String[] labels = new String[nl];
    return new RowCursor() {
      private int i = -1;

      @Override
      public boolean next() {
        if (i + 1 >= n) {
          return false;
        }
        i++;
        System.arraycopy(x, i * nf, features, 0, nf);
        for (int k = 0; k < nl; k++) {
          labels[k] = tokens.get(labelIds[i * nl + k]);
        }
        return true;
      }

      @Override
      public long index() {
        return indices[i];
      }

      @Override
      public double[] features() {
        return features;
      }

      @Override
      public String[] labels() {
        return labels;
      }

      @Override
      public double weight() {
        return w == null ? 1.0 : w[i];
      }
    };
  }
}

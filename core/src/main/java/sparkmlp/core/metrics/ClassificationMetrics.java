package sparkmlp.core.metrics;

/**
 * Metrics from a confusion matrix (rows = true class, columns = predicted class): accuracy,
 * per-class precision, recall, F1 and support, and their macro averages. A class never predicted
 * has precision 0.
 */
public record ClassificationMetrics(
    long[][] confusion,
    double accuracy,
    double[] precision,
    double[] recall,
    double[] f1,
    long[] support,
    double macroPrecision,
    double macroRecall,
    double macroF1) {

  public static ClassificationMetrics of(long[][] confusion) {
    int k = confusion.length;
    long total = 0;
    long correct = 0;
    long[] predicted = new long[k];
    long[] support = new long[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        total += confusion[i][j];
        predicted[j] += confusion[i][j];
        support[i] += confusion[i][j];
      }
      correct += confusion[i][i];
    }
    double[] p = new double[k];
    double[] r = new double[k];
    double[] f = new double[k];
    double sp = 0;
    double sr = 0;
    double sf = 0;
    for (int c = 0; c < k; c++) {
      p[c] = predicted[c] == 0 ? 0 : (double) confusion[c][c] / predicted[c];
      r[c] = support[c] == 0 ? 0 : (double) confusion[c][c] / support[c];
      f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
      sp += p[c];
      sr += r[c];
      sf += f[c];
    }
    double acc = total == 0 ? Double.NaN : (double) correct / total;
    return new ClassificationMetrics(confusion, acc, p, r, f, support, sp / k, sr / k, sf / k);
  }
}

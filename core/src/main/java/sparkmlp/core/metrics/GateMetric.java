package sparkmlp.core.metrics;

import java.util.Arrays;
import sparkmlp.core.format.Ids;
import sparkmlp.core.task.Task;

/**
 * The one number a promotion gate compares a candidate and the champion on, with its direction and
 * the tasks it is defined for. AUC is not in an {@link Evaluation}; callers compute it with {@link
 * #rocAuc}.
 */
public enum GateMetric {
  ACCURACY("accuracy", true),
  MACRO_F1("macro-f1", true),
  LOG_LOSS("log-loss", false),
  AUC("auc", true),
  RMSE("rmse", false),
  R2("r2", true);

  private final String id;
  private final boolean higherIsBetter;

  GateMetric(String id, boolean higherIsBetter) {
    this.id = id;
    this.higherIsBetter = higherIsBetter;
  }

  public String id() {
    return id;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** The metric a gate uses when none is configured: accuracy, log-loss (multilabel) or RMSE. */
  public static GateMetric defaultFor(Task task) {
    return task.isClassification() ? ACCURACY : task == Task.MULTILABEL ? LOG_LOSS : RMSE;
  }

  /** The metric with this id (case-insensitive). */
  public static GateMetric fromId(String id) {
    GateMetric m = Ids.find(values(), GateMetric::id, id);
    if (m == null) {
      throw new IllegalArgumentException(
          "unknown gate metric '" + id + "'; expected " + Ids.oneOf(values(), GateMetric::id));
    }
    return m;
  }

  /** Whether the metric is defined for models of this task; the message says why not. */
  public String unsupportedFor(Task task) {
    boolean ok =
        switch (this) {
          case ACCURACY, MACRO_F1 -> task.isClassification();
          case LOG_LOSS -> task != Task.REGRESSION;
          case AUC -> task == Task.BINARY;
          case RMSE, R2 -> task == Task.REGRESSION;
        };
    return ok ? null : "gate metric " + id + " is not defined for " + task.id() + " models";
  }

  /** The metric's value in an evaluation (every metric but AUC). */
  public double of(Evaluation e) {
    return switch (this) {
      case ACCURACY -> e.accuracy();
      case MACRO_F1 -> e.classification().macroF1();
      case LOG_LOSS -> e.loss();
      case RMSE -> Math.sqrt(e.regression().mse());
      case R2 -> e.regression().r2();
      case AUC -> throw new IllegalStateException("AUC is computed from scores: use rocAuc");
    };
  }

  /**
   * True when {@code candidate} is no worse than {@code champion} by more than {@code tolerance}.
   */
  public boolean withinTolerance(double candidate, double champion, double tolerance) {
    return higherIsBetter ? candidate >= champion - tolerance : candidate <= champion + tolerance;
  }

  /** True when {@code value} is at least as good as {@code floor} (for losses: at most it). */
  public boolean meets(double value, double floor) {
    return higherIsBetter ? value >= floor : value <= floor;
  }

  /**
   * Area under the ROC curve of scores for the positive class: the Mann–Whitney U statistic over
   * (positives × negatives), ties counting one half. Sorts a copy; NaN when a class is absent.
   */
  public static double rocAuc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1; // 1-based average rank of the tie group
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSumPos += midRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }
}

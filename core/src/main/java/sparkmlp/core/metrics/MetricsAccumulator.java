package sparkmlp.core.metrics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import sparkmlp.core.task.Task;

/**
 * Sums from which an {@link Evaluation} is computed; filled batch by batch on each partition and
 * merged on the driver. Classification keeps a confusion matrix (multilabel: one 2×2 matrix pooled
 * over labels); regression keeps per-output sums of errors and targets.
 */
public final class MetricsAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Task task;
  private final int outputs;
  private long count;
  private double lossSum;
  private final long[][] confusion;
  private final double[] sse;
  private final double[] sae;
  private final double[] sumY;
  private final double[] sumY2;

  /**
   * For a network with {@code outputs} output units and {@code classes} classes (ignored for
   * regression).
   */
  public MetricsAccumulator(Task task, int outputs, int classes) {
    this.task = task;
    this.outputs = outputs;
    int k = task == Task.MULTILABEL ? 2 : classes;
    this.confusion = task == Task.REGRESSION ? null : new long[k][k];
    boolean reg = task == Task.REGRESSION;
    this.sse = reg ? new double[outputs] : null;
    this.sae = reg ? new double[outputs] : null;
    this.sumY = reg ? new double[outputs] : null;
    this.sumY2 = reg ? new double[outputs] : null;
  }

  /**
   * Adds a batch: network outputs (outputs × batch), targets as the loss encodes them, and the
   * batch's loss sum.
   */
  public void add(double[] out, double[] y, int yOff, int batch, double batchLossSum) {
    count += batch;
    lossSum += batchLossSum;
    switch (task) {
      case MULTICLASS -> {
        for (int j = 0; j < batch; j++) {
          int base = j * outputs;
          int best = 0;
          for (int i = 1; i < outputs; i++) {
            if (out[base + i] > out[base + best]) {
              best = i;
            }
          }
          confusion[(int) y[yOff + j]][best]++;
        }
      }
      case BINARY -> {
        for (int j = 0; j < batch; j++) {
          confusion[(int) y[yOff + j]][Task.isPositive(out[j]) ? 1 : 0]++;
        }
      }
      case MULTILABEL -> {
        for (int i = 0; i < outputs * batch; i++) {
          confusion[(int) y[yOff + i]][Task.isPositive(out[i]) ? 1 : 0]++;
        }
      }
      case REGRESSION -> {
        for (int j = 0; j < batch; j++) {
          for (int r = 0; r < outputs; r++) {
            double t = y[yOff + j * outputs + r];
            double e = out[j * outputs + r] - t;
            sse[r] += e * e;
            sae[r] += Math.abs(e);
            sumY[r] += t;
            sumY2[r] += t * t;
          }
        }
      }
    }
  }

  /** Merges another accumulator into this one; returns this. */
  public MetricsAccumulator merge(MetricsAccumulator o) {
    count += o.count;
    lossSum += o.lossSum;
    if (confusion != null) {
      for (int i = 0; i < confusion.length; i++) {
        for (int j = 0; j < confusion.length; j++) {
          confusion[i][j] += o.confusion[i][j];
        }
      }
    } else {
      for (int r = 0; r < outputs; r++) {
        sse[r] += o.sse[r];
        sae[r] += o.sae[r];
        sumY[r] += o.sumY[r];
        sumY2[r] += o.sumY2[r];
      }
    }
    return this;
  }

  /**
   * Writes the sums alone, as numbers: the reader ({@link #readSums}) knows the task and the shape.
   * For a resident task that sends its accumulators to the driver (no Java serialisation).
   */
  public void writeSums(DataOutput out) throws IOException {
    out.writeLong(count);
    out.writeDouble(lossSum);
    if (confusion != null) {
      for (long[] row : confusion) {
        for (long c : row) {
          out.writeLong(c);
        }
      }
      return;
    }
    for (double[] sums : new double[][] {sse, sae, sumY, sumY2}) {
      for (double v : sums) {
        out.writeDouble(v);
      }
    }
  }

  /**
   * An accumulator of this task and shape holding the sums {@link #writeSums} wrote for one of the
   * same task and shape.
   */
  public static MetricsAccumulator readSums(DataInput in, Task task, int outputs, int classes)
      throws IOException {
    MetricsAccumulator acc = new MetricsAccumulator(task, outputs, classes);
    acc.count = in.readLong();
    acc.lossSum = in.readDouble();
    if (acc.confusion != null) {
      for (long[] row : acc.confusion) {
        for (int j = 0; j < row.length; j++) {
          row[j] = in.readLong();
        }
      }
      return acc;
    }
    for (double[] sums : new double[][] {acc.sse, acc.sae, acc.sumY, acc.sumY2}) {
      for (int r = 0; r < sums.length; r++) {
        sums[r] = in.readDouble();
      }
    }
    return acc;
  }

  public long count() {
    return count;
  }

  public double lossSum() {
    return lossSum;
  }

  public Evaluation result() {
    if (count == 0) {
      throw new IllegalArgumentException("cannot evaluate on zero examples");
    }
    double loss = lossSum / count;
    if (confusion != null) {
      long[][] copy = new long[confusion.length][];
      for (int i = 0; i < copy.length; i++) {
        copy[i] = confusion[i].clone();
      }
      return new Evaluation(count, loss, ClassificationMetrics.of(copy), null);
    }
    double totalSse = 0;
    double totalSae = 0;
    double totalSst = 0;
    for (int r = 0; r < outputs; r++) {
      totalSse += sse[r];
      totalSae += sae[r];
      totalSst += sumY2[r] - sumY[r] * sumY[r] / count;
    }
    double n = (double) count * outputs;
    double r2 = totalSst > 0 ? 1 - totalSse / totalSst : Double.NaN;
    return new Evaluation(count, loss, null, new RegressionMetrics(totalSse / n, totalSae / n, r2));
  }
}

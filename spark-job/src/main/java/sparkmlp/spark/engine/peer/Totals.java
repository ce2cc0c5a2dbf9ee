package sparkmlp.spark.engine.peer;

import java.io.IOException;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.engine.link.StepWire;
import sparkmlp.spark.engine.link.TaskLinks;

/**
 * A step's totals over every partition (loss, count, weight, added in partition order as the other
 * engines add whole sums; no gradient), and the first weight the owners' updates left non-finite
 * (-1: none).
 */
record Totals(GradientSum sum, int bad, double badValue) {
  /**
   * Runs step {@code step} of {@code epoch} at {@code rate} on every task and reads back the
   * partitions' totals.
   */
  static Totals of(TaskLinks<PeerLink> tasks, int epoch, int step, double rate) throws IOException {
    int partitions = tasks.size();
    for (int p = 0; p < partitions; p++) {
      StepWire w = tasks.link(p).wire();
      w.writeInt(PeerWire.STEP);
      w.writeInt(epoch);
      w.writeInt(step);
      w.writeDouble(rate);
      w.flush();
    }
    // in partition order, as the other engines add whole sums
    double loss = 0;
    long count = 0;
    double weight = 0;
    int bad = -1;
    double badValue = 0;
    for (int p = 0; p < partitions; p++) {
      StepWire w = tasks.link(p).wire();
      loss += w.readDouble();
      count += w.readLong();
      weight += w.readDouble();
      int b = w.readInt();
      double v = w.readDouble();
      if (b >= 0 && (bad < 0 || b < bad)) {
        // each owner's chunks interleave with the others': the lowest index, as a whole update's
        bad = b;
        badValue = v;
      }
    }
    return new Totals(new GradientSum(new double[0], loss, count, weight), bad, badValue);
  }
}

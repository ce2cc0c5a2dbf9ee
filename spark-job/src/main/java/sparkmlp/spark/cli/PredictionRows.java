package sparkmlp.spark.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import sparkmlp.core.metrics.Evaluator;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawExample;

/**
 * The rows {@code mlp predict} writes: the example's 0-based row index, the kept input columns (as
 * text), then the prediction and class probabilities (or per-target predictions). Scoring is a lazy
 * iterator over batches: it holds one batch of examples at a time and scores each with one forward
 * pass, so a partition streams through whatever its size.
 */
final class PredictionRows {
  /** Examples per forward pass: the evaluation batch, one GEMM per layer. */
  static final int BATCH = Evaluator.BATCH_SIZE;

  private PredictionRows() {}

  /** The output schema; a kept column whose name an output column already has is an error. */
  static StructType schema(Model m, List<String> keep) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("row", DataTypes.LongType, false));
    List<StructField> outputs = new ArrayList<>();
    if (m.task() != Task.REGRESSION) {
      // Classes (or, multilabel, the labels that are on, joined by ';') and one probability each.
      outputs.add(DataTypes.createStructField("prediction", DataTypes.StringType, false));
      for (String c : m.labelNames()) {
        outputs.add(DataTypes.createStructField("prob_" + c, DataTypes.DoubleType, false));
      }
    } else {
      for (String c : m.labelNames()) {
        outputs.add(DataTypes.createStructField("pred_" + c, DataTypes.DoubleType, false));
      }
    }
    List<String> taken = new ArrayList<>(List.of("row"));
    outputs.forEach(o -> taken.add(o.name()));
    for (String k : keep) {
      if (taken.contains(k)) {
        throw new InputException(
            "--keep: column '" + k + "' has the name of an output column; rename it in the data");
      }
      f.add(DataTypes.createStructField(k, DataTypes.StringType, true));
    }
    f.addAll(outputs);
    return DataTypes.createStructType(f);
  }

  /**
   * Scores a partition lazily; the first {@code kept} label tokens of each example are the kept
   * columns. {@code scored}, if not null, counts the examples scored.
   */
  static Iterator<Row> score(Model m, int kept, Iterator<RawExample> in, LongAccumulator scored) {
    return new Batches(m, kept, in, scored);
  }

  /** Pulls up to {@link #BATCH} examples, scores them together, hands out their rows. */
  private static final class Batches implements Iterator<Row> {
    private final Model model;
    private final int kept;
    private final Iterator<RawExample> in;
    private final LongAccumulator scored;
    private final RawExample[] batch = new RawExample[BATCH];
    private final double[][] full = new double[BATCH][];
    private double[][] outputs;
    private int size;
    private int next;

    Batches(Model model, int kept, Iterator<RawExample> in, LongAccumulator scored) {
      this.model = model;
      this.kept = kept;
      this.in = in;
      this.scored = scored;
    }

    @Override
    public boolean hasNext() {
      if (next < size) {
        return true;
      }
      size = 0;
      next = 0;
      while (size < BATCH && in.hasNext()) {
        batch[size++] = in.next();
      }
      if (size == 0) {
        return false;
      }
      double[][] x = size == BATCH ? full : new double[size][];
      for (int i = 0; i < size; i++) {
        x[i] = batch[i].features();
      }
      outputs = model.predict(x);
      if (scored != null) {
        scored.add(size);
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RawExample e = batch[next];
      batch[next] = null;
      return row(model, e, kept, outputs[next++]);
    }
  }

  private static Row row(Model m, RawExample e, int kept, double[] o) {
    List<Object> v = new ArrayList<>();
    v.add(e.index());
    for (int k = 0; k < kept; k++) {
      v.add(e.labels()[k]);
    }
    List<String> names = m.labelNames();
    if (m.task().isClassification()) {
      v.add(names.get(m.classOf(o)));
      if (m.task() == Task.BINARY) {
        v.add(1 - o[0]);
        v.add(o[0]);
      } else {
        for (double p : o) {
          v.add(p);
        }
      }
    } else if (m.task() == Task.MULTILABEL) {
      List<String> on = new ArrayList<>();
      for (int i = 0; i < o.length; i++) {
        if (Task.isPositive(o[i])) {
          on.add(names.get(i));
        }
      }
      v.add(String.join(";", on));
      for (double p : o) {
        v.add(p);
      }
    } else {
      for (double p : o) {
        v.add(p);
      }
    }
    return RowFactory.create(v.toArray());
  }
}

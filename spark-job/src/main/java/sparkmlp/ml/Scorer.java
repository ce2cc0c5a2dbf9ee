package sparkmlp.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkmlp.core.layer.Network;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;

/**
 * Batched scoring for {@code transform}: lazily, per partition, up to {@code blockSize} rows are
 * stacked into one block, normalised and run through the network in one forward pass (one matrix
 * product per layer), and the rows come out with the input columns kept and the output columns
 * appended. Output columns follow MLlib: {@code prediction} a double (class index or value; a
 * vector for multi-label and multi-target models), {@code probability} and {@code rawPrediction}
 * vectors. An output column whose name is empty is not produced.
 */
final class Scorer implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /**
   * The columns a model reads and appends; an empty name is not produced (a regression model
   * produces no probability or raw prediction columns).
   */
  record Columns(String features, String prediction, String probability, String raw)
      implements java.io.Serializable {
    /** The columns {@code p}'s params name, for a classifier or a regressor. */
    static Columns of(ColumnParams<?> p, boolean classifier) {
      return new Columns(
          p.getFeaturesCol(),
          p.getPredictionCol(),
          classifier ? p.getProbabilityCol() : "",
          classifier ? p.getRawPredictionCol() : "");
    }
  }

  private final Model model;
  private final int blockSize;
  private final int featuresIndex;
  private final String featuresCol;
  private final boolean prediction;
  private final boolean probability;
  private final boolean raw;

  private Scorer(Model model, int blockSize, int featuresIndex, Columns columns) {
    boolean classes = model.task() != Task.REGRESSION;
    this.model = model;
    this.blockSize = blockSize;
    this.featuresIndex = featuresIndex;
    this.featuresCol = columns.features();
    this.prediction = !columns.prediction().isEmpty();
    this.probability = classes && !columns.probability().isEmpty();
    this.raw = classes && !columns.raw().isEmpty();
  }

  /** The input schema with a model's output columns appended; checks the features column. */
  static StructType outputSchema(StructType schema, Model model, Columns columns) {
    Task task = model.task();
    boolean vectorPrediction =
        task == Task.MULTILABEL || (task == Task.REGRESSION && model.network().outputSize() > 1);
    return outputSchema(schema, task, vectorPrediction, columns);
  }

  /** The same for a task: what an estimator's model will append. */
  static StructType outputSchema(
      StructType schema, Task task, boolean vectorPrediction, Columns columns) {
    DataFrameInput.requireVector(schema, columns.features(), "featuresCol");
    List<String> added = new ArrayList<>();
    StructType out = schema;
    if (!columns.prediction().isEmpty()) {
      DataType t = vectorPrediction ? SQLDataTypes.VectorType() : DataTypes.DoubleType;
      out = out.add(columns.prediction(), t, false);
      added.add(columns.prediction());
    }
    if (task != Task.REGRESSION) {
      if (!columns.raw().isEmpty()) {
        out = out.add(columns.raw(), SQLDataTypes.VectorType(), false);
        added.add(columns.raw());
      }
      if (!columns.probability().isEmpty()) {
        out = out.add(columns.probability(), SQLDataTypes.VectorType(), false);
        added.add(columns.probability());
      }
    }
    for (String c : added) {
      if (Arrays.asList(schema.fieldNames()).contains(c)) {
        throw new IllegalArgumentException(
            "output column '" + c + "' already exists in the dataset; set another name");
      }
    }
    return out;
  }

  static Dataset<Row> transform(Dataset<?> dataset, Model model, int blockSize, Columns columns) {
    Dataset<Row> df = dataset.toDF();
    StructType out = outputSchema(df.schema(), model, columns);
    Scorer scorer =
        new Scorer(model, blockSize, df.schema().fieldIndex(columns.features()), columns);
    return df.mapPartitions(scorer, Encoders.row(out));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Batches(rows);
  }

  /** Reads a block of rows, scores it, hands the rows out, then reads the next block. */
  private final class Batches implements Iterator<Row> {
    private final Iterator<Row> in;
    private final Network net = model.network();
    private final double[] params = model.params();
    private final int nf = net.inputSize();
    private final int k = net.outputSize();
    private final Workspace ws = net.newWorkspace(blockSize);
    private final double[] x = new double[nf * blockSize];
    private final Row[] block = new Row[blockSize];
    private double[] output;
    private int size;
    private int next;

    Batches(Iterator<Row> in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      if (next < size) {
        return true;
      }
      fill();
      return size > 0;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int i = next++;
      Row r = block[i];
      block[i] = null;
      return row(r, i);
    }

    private void fill() {
      size = 0;
      next = 0;
      while (size < blockSize && in.hasNext()) {
        Row r = in.next();
        Object v = r.get(featuresIndex);
        if (!(v instanceof Vector vec)) {
          throw new IllegalArgumentException(
              "featuresCol: column '" + featuresCol + "' holds a null, expected a Vector");
        }
        if (vec.size() != nf) {
          throw new IllegalArgumentException(
              "featuresCol: column '"
                  + featuresCol
                  + "' holds a vector of "
                  + vec.size()
                  + " values, the model expects "
                  + nf);
        }
        int off = size * nf;
        for (int j = 0; j < nf; j++) {
          double value = vec.apply(j);
          if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                "featuresCol: column '"
                    + featuresCol
                    + "': feature "
                    + j
                    + " is "
                    + value
                    + ", expected a finite number");
          }
          x[off + j] = value;
        }
        block[size++] = r;
      }
      if (size > 0) {
        model.normalizer().apply(x, 0, size);
        output = net.forward(params, x, 0, size, ws);
      }
    }

    private Row row(Row r, int i) {
      int width = r.length();
      List<Object> values = new ArrayList<>(width + 3);
      for (int c = 0; c < width; c++) {
        values.add(r.get(c));
      }
      double[] o = Arrays.copyOfRange(output, i * k, (i + 1) * k);
      Task task = model.task();
      if (task == Task.REGRESSION) {
        if (prediction) {
          values.add(k == 1 ? (Object) o[0] : Vectors.dense(o));
        }
        return RowFactory.create(values.toArray());
      }
      double[] probs;
      double[] rawValues = new double[o.length];
      if (task == Task.MULTILABEL) {
        probs = o;
        double[] labels = new double[k];
        for (int j = 0; j < k; j++) {
          labels[j] = o[j] >= 0.5 ? 1 : 0;
          rawValues[j] = Math.log(o[j]) - Math.log1p(-o[j]);
        }
        if (prediction) {
          values.add(Vectors.dense(labels));
        }
      } else {
        probs = o;
        for (int j = 0; j < k; j++) {
          rawValues[j] = Math.log(o[j]);
        }
        if (prediction) {
          values.add((double) model.classOf(o));
        }
      }
      if (raw) {
        values.add(Vectors.dense(rawValues));
      }
      if (probability) {
        values.add(Vectors.dense(probs));
      }
      return RowFactory.create(values.toArray());
    }
  }
}

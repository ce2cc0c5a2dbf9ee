package sparkmlp.spark.io;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Selected Parquet columns read column-wise: the node of the table's physical plan that yields
 * Spark's column batches (the vectorized Parquet scan), read through {@link ColumnCursor}s. Only a
 * plan whose other nodes pass rows through unchanged (the conversion to rows, whole-stage codegen,
 * a projection of plain columns) is read this way: its batches are then, partition for partition
 * and row for row, the rows the row path reads, so every example keeps its index.
 */
final class ParquetColumns {
  private static final String MAX_FIELDS = "spark.sql.codegen.maxFields";

  /**
   * Where the selected columns are and what the messages call them.
   *
   * @param display the path as the user gave it
   * @param labelNames the label (or kept) columns' names
   * @param featureNames the feature columns' names
   * @param labels how each label column is read
   * @param features how each feature column is read
   * @param keepOnly the label columns are columns to keep (any value, null as null)
   */
  record Layout(
      String display,
      String[] labelNames,
      String[] featureNames,
      ColumnRead[] labels,
      ColumnRead[] features,
      boolean keepOnly)
      implements Serializable {}

  private final JavaRDD<ColumnarBatch> batches;
  private final Layout layout;
  private final String source;

  private ParquetColumns(JavaRDD<ColumnarBatch> batches, Layout layout, String source) {
    this.batches = batches;
    this.layout = layout;
    this.source = source;
  }

  /**
   * The columns of {@code table} (its label columns first, then one column per feature) read from
   * its plan's column batches; null when the plan yields none or a column has a type read row-wise.
   */
  static ParquetColumns of(
      Dataset<Row> table,
      String display,
      String[] labelNames,
      String[] featureNames,
      boolean keepOnly) {
    RuntimeConfig conf = table.sparkSession().conf();
    int fields = labelNames.length + featureNames.length;
    boolean wasSet = conf.contains(MAX_FIELDS);
    String was = conf.get(MAX_FIELDS);
    try {
      if (fields > Integer.parseInt(was.strip())) {
        // Spark hands out column batches only where generated code would turn them into rows,
        // which it refuses for more fields than this; here nothing is generated: the batches are
        // read as they are. Raised while the plan and its scan are made, which is when it counts.
        conf.set(MAX_FIELDS, Integer.toString(fields));
      }
      return plan(table, display, labelNames, featureNames, keepOnly);
    } finally {
      if (wasSet) {
        conf.set(MAX_FIELDS, was);
      } else {
        conf.unset(MAX_FIELDS);
      }
    }
  }

  private static ParquetColumns plan(
      Dataset<Row> table,
      String display,
      String[] labelNames,
      String[] featureNames,
      boolean keepOnly) {
    SparkPlan top = table.queryExecution().executedPlan();
    SparkPlan source = columnarSource(top);
    if (source == null) {
      return null;
    }
    var output = top.output();
    var sourceOutput = source.output();
    ColumnRead[] reads = new ColumnRead[output.size()];
    for (int c = 0; c < reads.length; c++) {
      Attribute a = output.apply(c);
      int ordinal = -1;
      for (int s = 0; s < sourceOutput.size(); s++) {
        if (sourceOutput.apply(s).exprId().equals(a.exprId())) {
          ordinal = s;
        }
      }
      reads[c] = ordinal < 0 ? null : ColumnRead.of(ordinal, a.dataType());
      if (reads[c] == null || (c >= labelNames.length && !reads[c].isNumber())) {
        return null;
      }
    }
    ColumnRead[] labels = Arrays.copyOf(reads, labelNames.length);
    ColumnRead[] features = Arrays.copyOfRange(reads, labelNames.length, reads.length);
    Layout layout = new Layout(display, labelNames, featureNames, labels, features, keepOnly);
    return new ParquetColumns(source.executeColumnar().toJavaRDD(), layout, source.nodeName());
  }

  /**
   * The node below {@code plan} that yields column batches, when every node above it passes its
   * rows through unchanged; else null.
   */
  private static SparkPlan columnarSource(SparkPlan plan) {
    SparkPlan node = plan;
    while (!node.supportsColumnar()) {
      if (!passesRowsThrough(node) || node.children().size() != 1) {
        return null;
      }
      node = node.children().apply(0);
    }
    return node;
  }

  private static boolean passesRowsThrough(SparkPlan node) {
    if (node instanceof ProjectExec p) {
      var list = p.projectList();
      for (int i = 0; i < list.size(); i++) {
        NamedExpression e = list.apply(i);
        if (!(e instanceof Attribute)) {
          return false;
        }
      }
      return true;
    }
    return node instanceof ColumnarToRowExec
        || node instanceof WholeStageCodegenExec
        || node instanceof InputAdapter;
  }

  /** The plan node the batches come from, for the log. */
  String source() {
    return source;
  }

  /**
   * The rows as a scan, with the number of rows: one job counts each partition's rows (the batches'
   * sizes) so that every row knows its index.
   */
  RawData read(List<String> featureNames, List<String> labelNames) {
    List<Long> counts =
        batches
            .mapPartitions(
                it -> {
                  long n = 0;
                  while (it.hasNext()) {
                    n += it.next().numRows();
                  }
                  return List.of(n).iterator();
                })
            .collect();
    long[] starts = new long[counts.size()];
    long total = 0;
    for (int p = 0; p < starts.length; p++) {
      starts[p] = total;
      total += counts.get(p);
    }
    if (total == 0) {
      throw new InputException(layout.display() + ": no data rows");
    }
    JavaRDD<ColumnarBatch> rdd = batches;
    Layout l = layout;
    RowScan scan =
        new RowScan() {
          @Override
          public <T> JavaRDD<T> map(Pass<T> pass) {
            return rdd.mapPartitionsWithIndex(
                (p, it) -> pass.apply(p, new ColumnCursor(it, l, starts[p])), true);
          }
        };
    return RawData.scanned(layout.display(), featureNames, labelNames, scan, total);
  }
}

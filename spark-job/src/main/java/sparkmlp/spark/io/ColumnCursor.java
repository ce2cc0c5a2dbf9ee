package sparkmlp.spark.io;

import java.util.Iterator;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * One partition's rows read from Spark's column batches into reused buffers: each cell straight
 * from its column vector, no {@code Row} and no boxed value. The checks and their order, hence
 * every message, are {@link ParquetRowParser}'s: the labels in order, then every feature for null,
 * then every feature for NaN or infinity.
 */
final class ColumnCursor implements RowCursor {
  private final Iterator<ColumnarBatch> batches;
  private final ParquetColumns.Layout layout;
  private final ColumnLabels[] labelReaders;
  private final double[] features;
  private final String[] labels;
  private ColumnarBatch batch;
  private int row;
  private int rows;
  private long next;
  private long index;

  /** A cursor over {@code batches} whose first row has index {@code first}. */
  ColumnCursor(Iterator<ColumnarBatch> batches, ParquetColumns.Layout layout, long first) {
    this.batches = batches;
    this.layout = layout;
    this.next = first;
    this.features = new double[layout.features().length];
    this.labels = new String[layout.labels().length];
    this.labelReaders = new ColumnLabels[labels.length];
    for (int k = 0; k < labels.length; k++) {
      labelReaders[k] = new ColumnLabels(layout.labels()[k]);
    }
  }

  @Override
  public boolean next() {
    while (batch == null || row >= rows) {
      if (!batches.hasNext()) {
        return false;
      }
      batch = batches.next();
      rows = batch.numRows();
      row = 0;
    }
    index = next++;
    readLabels(row);
    readFeatures(row);
    row++;
    return true;
  }

  private void readLabels(int r) {
    ColumnRead[] columns = layout.labels();
    for (int k = 0; k < columns.length; k++) {
      ColumnVector v = batch.column(columns[k].ordinal());
      if (v.isNullAt(r)) {
        if (!layout.keepOnly()) {
          throw new InputException(
              where() + ": empty label in column '" + layout.labelNames()[k] + "'");
        }
        labels[k] = null;
        continue;
      }
      if (!layout.keepOnly() && columns[k].isNaN(v, r)) {
        throw new InputException(where() + ": label '" + layout.labelNames()[k] + "' is NaN");
      }
      labels[k] = labelReaders[k].of(v, r);
      if (!layout.keepOnly() && labels[k].isBlank()) {
        throw new InputException(
            where() + ": empty label in column '" + layout.labelNames()[k] + "'");
      }
    }
  }

  private void readFeatures(int r) {
    ColumnRead[] columns = layout.features();
    for (int j = 0; j < columns.length; j++) {
      ColumnVector v = batch.column(columns[j].ordinal());
      if (v.isNullAt(r)) {
        throw new InputException(where() + ": feature '" + layout.featureNames()[j] + "' is null");
      }
      features[j] = columns[j].number(v, r);
    }
    for (int j = 0; j < columns.length; j++) {
      if (!Double.isFinite(features[j])) {
        throw new InputException(
            where()
                + ": feature '"
                + layout.featureNames()[j]
                + "' is "
                + (Double.isNaN(features[j]) ? "NaN" : "infinite"));
      }
    }
  }

  /** {@code path: row N}, 1-based, as the row path names a row. */
  private String where() {
    return layout.display() + ": row " + (index + 1);
  }

  @Override
  public long index() {
    return index;
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
    return 1.0;
  }
}

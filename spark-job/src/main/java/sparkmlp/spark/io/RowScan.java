package sparkmlp.spark.io;

import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;

/**
 * A data set's examples as cursors, one per partition of {@link RawData#rows()} and in the same
 * order: what a pass that only sums, counts or copies into primitive arrays reads instead of one
 * object per example.
 */
public interface RowScan {

  /** What a pass does with one partition's cursor. */
  interface Pass<T> extends Serializable {
    Iterator<T> apply(int partition, RowCursor rows) throws Exception;
  }

  /** Runs {@code pass} lazily over every partition. */
  <T> JavaRDD<T> map(Pass<T> pass);

  /**
   * The same rows for a pass that reads only their labels: a text format may then skip parsing the
   * features (left as zeros), and a bad cell is reported by the next pass that reads it.
   */
  default RowScan labelsOnly() {
    return this;
  }

  /** The scan of rows already read as objects (Parquet, IDX, DataFrames). */
  static RowScan of(JavaRDD<RawExample> rows) {
    return new RowScan() {
      @Override
      public <T> JavaRDD<T> map(Pass<T> pass) {
        return rows.mapPartitionsWithIndex((p, it) -> pass.apply(p, cursor(it)), true);
      }
    };
  }

  /** A cursor over examples already read. */
  static RowCursor cursor(Iterator<RawExample> it) {
    return new RowCursor() {
      private RawExample current;

      @Override
      public boolean next() {
        current = it.hasNext() ? it.next() : null;
        return current != null;
      }

      @Override
      public long index() {
        return current.index();
      }

      @Override
      public double[] features() {
        return current.features();
      }

      @Override
      public String[] labels() {
        return current.labels();
      }

      @Override
      public double weight() {
        return current.weight();
      }
    };
  }

  /** A cursor's examples as objects, each with its own copies of the buffers. */
  static Iterator<RawExample> examples(int partition, RowCursor rows) {
    return new Iterator<>() {
      private boolean ready;
      private boolean more;

      @Override
      public boolean hasNext() {
        if (!ready) {
          more = rows.next();
          ready = true;
        }
        return more;
      }

      @Override
      public RawExample next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ready = false;
        return new RawExample(
            rows.index(), rows.features().clone(), rows.labels().clone(), rows.weight());
      }
    };
  }
}

package sparkmlp.spark.engine;

import org.apache.spark.SparkContext;
import sparkmlp.spark.SharedSpark;

/**
 * Job-local properties of the shared context set on this thread for one block (such as {@link
 * FaultInjection}'s), restored when it closes.
 */
public final class LocalProperties implements AutoCloseable {
  private final SparkContext sc;
  private final String[] keys;
  private final String[] before;

  private LocalProperties(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected key, value pairs");
    }
    this.sc = SharedSpark.session().sparkContext();
    int n = keysAndValues.length / 2;
    this.keys = new String[n];
    this.before = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = keysAndValues[2 * i];
      before[i] = sc.getLocalProperty(keys[i]);
      sc.setLocalProperty(keys[i], keysAndValues[2 * i + 1]);
    }
  }

  /** Sets {@code key1, value1, key2, value2, ...} until {@link #close()}. */
  public static LocalProperties set(String... keysAndValues) {
    return new LocalProperties(keysAndValues);
  }

  @Override
  public void close() {
    for (int i = keys.length - 1; i >= 0; i--) {
      sc.setLocalProperty(keys[i], before[i]);
    }
  }
}

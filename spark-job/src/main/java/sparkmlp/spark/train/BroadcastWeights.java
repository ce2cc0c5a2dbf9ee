package sparkmlp.spark.train;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import sparkmlp.core.train.PackedDoubles;

/**
 * A weight vector as a broadcast value. One is broadcast every training step, so it is serialised
 * in bulk ({@link PackedDoubles}): half the time of Java's value-by-value {@code double[]}
 * encoding, on the driver and on every executor that reads it. A Spark wire value only: models and
 * checkpoints are written by core's {@code Container}, never with Java serialisation.
 */
public final class BroadcastWeights implements Serializable {
  private static final long serialVersionUID = 1L;

  private transient double[] values;

  public BroadcastWeights(double[] values) {
    this.values = values;
  }

  public double[] values() {
    return values;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    PackedDoubles.write(out, values);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    values = PackedDoubles.read(in);
  }
}

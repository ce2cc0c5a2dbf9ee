package sparkmlp.spark.engine.jobs;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import sparkmlp.core.train.PackedDoubles;
import sparkmlp.core.train.PackedFloats;

/**
 * A weight vector as a broadcast value, in double or — for a {@code float} training step — as a
 * float copy of the driver's double master weights (half the bytes). One is broadcast every
 * training step, so it is serialised in bulk ({@link PackedDoubles}, {@link PackedFloats}): half
 * the time of Java's value-by-value array encoding, on the driver and on every executor that reads
 * it. A Spark wire value only: models and checkpoints are written by core's {@code Container},
 * never with Java serialisation.
 */
public final class BroadcastWeights implements Serializable {
  private static final long serialVersionUID = 2L;

  private transient double[] values;
  private transient float[] floats;

  public BroadcastWeights(double[] values) {
    this.values = values;
  }

  private BroadcastWeights(float[] floats) {
    this.floats = floats;
  }

  /** The weights rounded to float, for a single-precision step. */
  public static BroadcastWeights ofFloats(double[] params) {
    float[] f = new float[params.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) params[i];
    }
    return new BroadcastWeights(f);
  }

  /** The double weights; null when broadcast as floats. */
  public double[] values() {
    return values;
  }

  /** The float weights; null when broadcast as doubles. */
  public float[] floats() {
    return floats;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeBoolean(floats != null);
    if (floats != null) {
      PackedFloats.write(out, floats);
    } else {
      PackedDoubles.write(out, values);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (in.readBoolean()) {
      floats = PackedFloats.read(in);
    } else {
      values = PackedDoubles.read(in);
    }
  }
}

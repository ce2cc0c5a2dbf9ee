package sparkmlp.spark.engine.jobs;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.PackedDoubles;
import sparkmlp.core.train.PackedFloats;

/**
 * A weight vector as a broadcast value, in double or — for a {@code float} training step — as a
 * float copy of the driver's double master weights (half the bytes). One is broadcast every
 * training step, so it is serialised in bulk ({@link PackedDoubles}, {@link PackedFloats}): half
 * the time of Java's value-by-value array encoding, on the driver and on every executor that reads
 * it. {@code V} says which precision a reader gets: {@link DoubleVec} where only doubles are
 * broadcast (evaluation), {@link Vec} where the step's precision decides. A Spark wire value only:
 * models and checkpoints are written by core's {@code Container}, never with Java serialisation.
 *
 * @param <V> the weights' type
 */
public final class BroadcastWeights<V extends Vec> implements Serializable {
  private static final long serialVersionUID = 3L;

  private transient V weights;

  private BroadcastWeights(V weights) {
    this.weights = weights;
  }

  /** The double weights as they are (not copied). */
  public static BroadcastWeights<DoubleVec> of(double[] values) {
    return new BroadcastWeights<>(new DoubleVec(values));
  }

  /** The weights for a training step: rounded to float when {@code single}, else copied. */
  public static BroadcastWeights<Vec> forStep(double[] params, boolean single) {
    if (!single) {
      return new BroadcastWeights<>(new DoubleVec(params.clone()));
    }
    float[] f = new float[params.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) params[i];
    }
    return new BroadcastWeights<>(new FloatVec(f));
  }

  /** The weights. */
  public V weights() {
    return weights;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeBoolean(weights.isFloat());
    if (weights instanceof FloatVec f) {
      PackedFloats.write(out, f.values());
    } else {
      PackedDoubles.write(out, ((DoubleVec) weights).values());
    }
  }

  @SuppressWarnings("unchecked") // V is the type written: DoubleVec, or Vec of either kind
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    weights =
        (V)
            (in.readBoolean()
                ? new FloatVec(PackedFloats.read(in))
                : new DoubleVec(PackedDoubles.read(in)));
  }
}

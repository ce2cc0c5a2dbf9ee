package sparkmlp.core.train;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Java serialisation of a {@code double[]} as a length and little-endian bytes, copied in bulk.
 * Plain {@code writeObject(double[])} converts value by value, about twice as slow both ways; a
 * gradient or weight vector crosses the wire twice per training step, so this is on the step's
 * critical path. For Spark's task results and broadcasts only: files are written by {@code
 * sparkmlp.core.format.Container}.
 */
public final class PackedDoubles {
  private static final int CHUNK_VALUES = 8192;

  private PackedDoubles() {}

  public static void write(ObjectOutput out, double[] values) throws IOException {
    write(out, values, 0, values.length);
  }

  /**
   * Writes {@code length} values from {@code offset} on, read back by {@link #read} as an array of
   * that length.
   */
  public static void write(ObjectOutput out, double[] values, int offset, int length)
      throws IOException {
    if (offset < 0 || length < 0 || offset + length > values.length) {
      throw new IllegalArgumentException(
          "range [" + offset + ", " + (offset + length) + ") outside " + values.length + " values");
    }
    out.writeInt(length);
    byte[] chunk = new byte[8 * Math.min(CHUNK_VALUES, length)];
    DoubleBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    for (int done = 0; done < length; done += CHUNK_VALUES) {
      int n = Math.min(CHUNK_VALUES, length - done);
      view.clear();
      view.put(values, offset + done, n);
      out.write(chunk, 0, 8 * n);
    }
  }

  public static double[] read(ObjectInput in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative array length " + length);
    }
    double[] values = new double[length];
    byte[] chunk = new byte[8 * Math.min(CHUNK_VALUES, length)];
    DoubleBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
    for (int off = 0; off < length; off += CHUNK_VALUES) {
      int n = Math.min(CHUNK_VALUES, length - off);
      in.readFully(chunk, 0, 8 * n);
      view.clear();
      view.get(values, off, n);
    }
    return values;
  }
}

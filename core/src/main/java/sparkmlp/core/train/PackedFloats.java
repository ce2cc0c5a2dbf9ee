package sparkmlp.core.train;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Java serialisation of a {@code float[]} as a length and little-endian bytes, copied in bulk: the
 * single-precision twin of {@link PackedDoubles}, for the weights a float training step broadcasts
 * (half the bytes of the double weights). For Spark's wire values only.
 */
public final class PackedFloats {
  private static final int CHUNK_VALUES = 16384;

  private PackedFloats() {}

  public static void write(ObjectOutput out, float[] values) throws IOException {
    int length = values.length;
    out.writeInt(length);
    byte[] chunk = new byte[4 * Math.min(CHUNK_VALUES, length)];
    FloatBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int done = 0; done < length; done += CHUNK_VALUES) {
      int n = Math.min(CHUNK_VALUES, length - done);
      view.clear();
      view.put(values, done, n);
      out.write(chunk, 0, 4 * n);
    }
  }

  /**
   * Writes doubles that hold float values (a float partial sum added into a zeroed double buffer)
   * as floats, read back by {@link #readAsDoubles}: lossless for such values, half the bytes.
   */
  public static void writeAsFloats(ObjectOutput out, double[] values) throws IOException {
    int length = values.length;
    out.writeInt(length);
    byte[] chunk = new byte[4 * Math.min(CHUNK_VALUES, length)];
    ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    for (int done = 0; done < length; done += CHUNK_VALUES) {
      int n = Math.min(CHUNK_VALUES, length - done);
      buf.clear();
      for (int i = 0; i < n; i++) {
        buf.putFloat((float) values[done + i]);
      }
      out.write(chunk, 0, 4 * n);
    }
  }

  /** Reads what {@link #writeAsFloats} or {@link #write} wrote, widened to doubles. */
  public static double[] readAsDoubles(ObjectInput in) throws IOException {
    float[] f = read(in);
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  public static float[] read(ObjectInput in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative array length " + length);
    }
    float[] values = new float[length];
    byte[] chunk = new byte[4 * Math.min(CHUNK_VALUES, length)];
    FloatBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int off = 0; off < length; off += CHUNK_VALUES) {
      int n = Math.min(CHUNK_VALUES, length - off);
      in.readFully(chunk, 0, 4 * n);
      view.clear();
      view.get(values, off, n);
    }
    return values;
  }
}

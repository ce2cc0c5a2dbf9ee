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

package sparkmlp.spark.engine.link;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;

/**
 * One connection between the driver and a resident step task ({@link BarrierEngine}): ints, longs,
 * doubles and bulk float or double arrays, little-endian, copied through one buffer. A read waits
 * in slices of the socket's timeout and asks its {@link Liveness} between them, so a killed task or
 * a superseded stage attempt ends a wait instead of hanging it.
 */
public final class StepWire implements Closeable {
  /** First int of a task's hello. */
  public static final int HELLO = 0x6d6c7031; // "mlp1"

  /** Driver to task: compute a step (epoch, step, weights follow). */
  public static final int STEP = 1;

  /** Driver to task: the steps are done, return. */
  public static final int END = 2;

  /** Driver to task: evaluate the validation blocks (the weights follow as doubles). */
  public static final int EVALUATE = 3;

  /** How long one read waits before asking the liveness check again. */
  public static final int SLICE_MILLIS = 1000;

  /** What a read asks while nothing arrives; throws to give up. */
  public interface Liveness {
    void check() throws IOException;
  }

  private final Socket socket;
  private InputStream in;
  private OutputStream out;
  private volatile Liveness liveness;
  private final byte[] bytes = new byte[1 << 16];
  private final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  private final FloatBuffer floatView = buffer.asFloatBuffer();
  private final DoubleBuffer doubleView = buffer.asDoubleBuffer();

  public StepWire(Socket socket, Liveness liveness) throws IOException {
    this.socket = socket;
    this.liveness = liveness;
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(SLICE_MILLIS);
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
  }

  /** What reads ask from now on between slices (the handshake's deadline, then the step's). */
  public void liveness(Liveness liveness) {
    this.liveness = liveness;
  }

  /**
   * From now on, reads open and writes seal AES-GCM frames ({@link SealedStreams}); called right
   * after the handshake, on both ends.
   */
  public void seal(byte[] readKey, byte[] writeKey) {
    in = new SealedStreams.In(in, readKey);
    out = new SealedStreams.Out(out, writeKey);
  }

  /** The socket underneath, for its timeout and its peer's address. */
  public Socket socket() {
    return socket;
  }

  public void writeBytes(byte[] values) throws IOException {
    out.write(values);
  }

  /** Fills {@code into} (at most the buffer's 64 KiB). */
  public void readBytes(byte[] into) throws IOException {
    readFully(into.length);
    System.arraycopy(bytes, 0, into, 0, into.length);
  }

  public void writeInt(int v) throws IOException {
    buffer.clear();
    buffer.putInt(v);
    out.write(bytes, 0, 4);
  }

  public void writeLong(long v) throws IOException {
    buffer.clear();
    buffer.putLong(v);
    out.write(bytes, 0, 8);
  }

  public void writeDouble(double v) throws IOException {
    buffer.clear();
    buffer.putDouble(v);
    out.write(bytes, 0, 8);
  }

  public void writeFloats(float[] values) throws IOException {
    writeFloats(values, 0, values.length);
  }

  /** {@code length} values from {@code from}. */
  public void writeFloats(float[] values, int from, int length) throws IOException {
    for (int done = 0; done < length; ) {
      int n = Math.min(bytes.length / 4, length - done);
      floatView.clear();
      floatView.put(values, from + done, n);
      out.write(bytes, 0, 4 * n);
      done += n;
    }
  }

  public void writeDoubles(double[] values) throws IOException {
    writeDoubles(values, 0, values.length);
  }

  /** {@code length} values from {@code from}. */
  public void writeDoubles(double[] values, int from, int length) throws IOException {
    for (int done = 0; done < length; ) {
      int n = Math.min(bytes.length / 8, length - done);
      doubleView.clear();
      doubleView.put(values, from + done, n);
      out.write(bytes, 0, 8 * n);
      done += n;
    }
  }

  public void flush() throws IOException {
    out.flush();
  }

  public int readInt() throws IOException {
    readFully(4);
    return buffer.getInt(0);
  }

  public long readLong() throws IOException {
    readFully(8);
    return buffer.getLong(0);
  }

  public double readDouble() throws IOException {
    readFully(8);
    return buffer.getDouble(0);
  }

  public void readFloats(float[] into) throws IOException {
    readFloats(into, 0, into.length);
  }

  /** {@code length} values into {@code into} from {@code from}. */
  public void readFloats(float[] into, int from, int length) throws IOException {
    for (int done = 0; done < length; ) {
      int n = Math.min(bytes.length / 4, length - done);
      readFully(4 * n);
      floatView.clear();
      floatView.get(into, from + done, n);
      done += n;
    }
  }

  public void readDoubles(double[] into) throws IOException {
    readDoubles(into, 0, into.length);
  }

  /** {@code length} values into {@code into} from {@code from}. */
  public void readDoubles(double[] into, int from, int length) throws IOException {
    for (int done = 0; done < length; ) {
      int n = Math.min(bytes.length / 8, length - done);
      readFully(8 * n);
      doubleView.clear();
      doubleView.get(into, from + done, n);
      done += n;
    }
  }

  /** A weight vector's values, as floats or doubles by its type. */
  public void writeValues(Vec values) throws IOException {
    if (values instanceof FloatVec f) {
      writeFloats(f.values());
    } else {
      writeDoubles(((DoubleVec) values).values());
    }
  }

  /** Values written by {@link #writeValues} into {@code into}, of the same type. */
  public void readValues(Vec into) throws IOException {
    if (into instanceof FloatVec f) {
      readFloats(f.values());
    } else {
      readDoubles(((DoubleVec) into).values());
    }
  }

  /** Floats ({@link #writeFloats}) widened into {@code into}: exact. */
  public void readFloatsAsDoubles(double[] into) throws IOException {
    for (int done = 0; done < into.length; ) {
      int n = Math.min(bytes.length / 4, into.length - done);
      readFully(4 * n);
      for (int i = 0; i < n; i++) {
        into[done + i] = buffer.getFloat(4 * i);
      }
      done += n;
    }
  }

  /** Fills the first {@code length} bytes of the buffer, waiting in slices. */
  private void readFully(int length) throws IOException {
    int got = 0;
    while (got < length) {
      int n;
      try {
        n = in.read(bytes, got, length - got);
      } catch (SocketTimeoutException e) {
        liveness.check();
        continue;
      }
      if (n < 0) {
        throw new EOFException("connection closed by " + socket.getRemoteSocketAddress());
      }
      got += n;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is all that is left to do
    }
  }
}

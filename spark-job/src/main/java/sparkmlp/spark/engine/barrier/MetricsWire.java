package sparkmlp.spark.engine.barrier;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.spark.engine.link.StepWire;

/**
 * A task's accumulators of its validation blocks over the socket: their Java serialisation (as
 * Spark's would send a task's result), its length first.
 */
final class MetricsWire {
  /** Bytes a read takes at most ({@link StepWire#readBytes} fills at most its 64 KiB buffer). */
  private static final int CHUNK = 32 * 1024;

  private MetricsWire() {}

  /** Writes {@code parts} and flushes. */
  static void write(StepWire wire, List<MetricsAccumulator> parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new ArrayList<>(parts));
    }
    wire.writeInt(bytes.size());
    wire.writeBytes(bytes.toByteArray());
    wire.flush();
  }

  /** Reads what {@link #write} wrote and adds it to {@code parts}, in order. */
  static void readInto(StepWire wire, List<MetricsAccumulator> parts) throws IOException {
    int length = wire.readInt();
    if (length < 0) {
      throw new IOException("a task sent a validation result of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    byte[] chunk = new byte[CHUNK];
    for (int done = 0; done < length; done += CHUNK) {
      int n = Math.min(CHUNK, length - done);
      if (n < CHUNK) {
        chunk = new byte[n];
      }
      wire.readBytes(chunk);
      System.arraycopy(chunk, 0, bytes, done, n);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      for (Object o : (List<?>) in.readObject()) {
        parts.add((MetricsAccumulator) o);
      }
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IOException("a task's validation result could not be read: " + e, e);
    }
  }
}

package sparkmlp.spark.engine.barrier;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.spark.engine.link.StepWire;
import sparkmlp.spark.eval.BlockMetrics;

/**
 * A task's accumulators of its validation blocks over the socket, as numbers: the byte length, then
 * their number and each one's sums ({@link MetricsAccumulator#writeSums}); the driver knows their
 * task and shape from the run's {@link BlockMetrics}. No Java serialisation.
 */
final class MetricsWire {
  /** Bytes a read takes at most ({@link StepWire#readBytes} fills at most its 64 KiB buffer). */
  private static final int CHUNK = 32 * 1024;

  private MetricsWire() {}

  /** Writes {@code parts} and flushes. */
  static void write(StepWire wire, List<MetricsAccumulator> parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(parts.size());
    for (MetricsAccumulator part : parts) {
      part.writeSums(out);
    }
    out.flush();
    wire.writeInt(bytes.size());
    wire.writeBytes(bytes.toByteArray());
    wire.flush();
  }

  /** Reads what {@link #write} wrote and adds it to {@code parts}, in order. */
  static void readInto(StepWire wire, BlockMetrics metrics, List<MetricsAccumulator> parts)
      throws IOException {
    int length = wire.readInt();
    if (length < 4) {
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
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      parts.add(metrics.read(in));
    }
    if (in.available() != 0) {
      throw new IOException("a task's validation result has " + in.available() + " bytes too many");
    }
  }
}

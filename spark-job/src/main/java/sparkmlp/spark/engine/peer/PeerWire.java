package sparkmlp.spark.engine.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import sparkmlp.spark.engine.link.StepWire;

/** The messages between the peer engine's driver and its tasks (the first int of each command). */
final class PeerWire {
  private PeerWire() {}

  /** Compute, reduce-scatter, update and all-gather a step: epoch, step, learning rate follow. */
  static final int STEP = 1;

  /** The epoch's steps are done: return once the last step's all-gather is whole. */
  static final int END = 2;

  /**
   * Start from this state: the optimiser's step count and slot count, the whole weight vector
   * (doubles), then the task's chunks of each slot ({@link LayerShards}: slot by slot, layer by
   * layer).
   */
  static final int LOAD = 3;

  /**
   * Send the task's chunks of the weights and of each optimiser slot, after its step count, once
   * the last step's all-gather is whole.
   */
  static final int GATHER = 4;

  /**
   * Task to driver: connected to every peer; the optimiser step count and fingerprint of the state
   * it kept from the last epoch follow (-1 and 0: none).
   */
  static final int READY = 5;

  /** Go on from the state kept from the last epoch: it is the driver's copy. */
  static final int KEEP = 6;

  /** Writes a short string: its UTF-8 length, then its bytes. */
  static void writeString(StepWire wire, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    wire.writeInt(bytes.length);
    wire.writeBytes(bytes);
  }

  /** Reads a string {@link #writeString} wrote (at most 64 KiB). */
  static String readString(StepWire wire) throws IOException {
    int length = wire.readInt();
    if (length < 0 || length > 1 << 16) {
      throw new IOException("a string of " + length + " bytes on the wire");
    }
    byte[] bytes = new byte[length];
    wire.readBytes(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

package sparkmlp.spark.engine.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a resident task joins the driver over the socket: mutual challenge–response, so neither side
 * sends the run's token and each proves it knows it. The task sends its hello (partition, barrier
 * stage id and attempt) with a random nonce; the driver answers with its own nonce; the task proves
 * itself with HMAC-SHA256(token, "task", both nonces, hello); only then does the driver prove
 * itself with HMAC-SHA256(token, "driver", ...). Proofs are compared in constant time ({@link
 * MessageDigest#isEqual}); the labels keep one side's proof from serving as the other's. A sealed
 * link then encrypts everything after the handshake with keys derived from the token and both
 * nonces ({@link SealedStreams}).
 */
public final class Handshake {
  public static final int NONCE_BYTES = 32;
  private static final int MAC_BYTES = 32;
  private static final String HMAC = "HmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Handshake() {}

  /** What a task says of itself: its partition and the barrier stage attempt it runs in. */
  public record Hello(int partition, int stageId, int stageAttempt) {}

  /** The HMAC key of a run's 128-bit token. */
  public static byte[] key(long high, long low) {
    return ByteBuffer.allocate(16).putLong(high).putLong(low).array();
  }

  /**
   * Task side: joins as {@code hello}, then seals the wire if {@code seal}; throws when the driver
   * fails to prove the token.
   */
  public static void join(StepWire wire, byte[] key, Hello hello, boolean seal) throws IOException {
    byte[] taskNonce = nonce();
    wire.writeInt(StepWire.HELLO);
    wire.writeBytes(taskNonce);
    wire.writeInt(hello.partition());
    wire.writeInt(hello.stageId());
    wire.writeInt(hello.stageAttempt());
    wire.flush();
    byte[] driverNonce = new byte[NONCE_BYTES];
    wire.readBytes(driverNonce);
    wire.writeBytes(mac(key, "task", taskNonce, driverNonce, hello));
    wire.flush();
    byte[] proof = new byte[MAC_BYTES];
    wire.readBytes(proof);
    if (!MessageDigest.isEqual(proof, mac(key, "driver", taskNonce, driverNonce, hello))) {
      throw new IOException(
          "the peer at "
              + wire.socket().getRemoteSocketAddress()
              + " did not prove the run's token");
    }
    if (seal) {
      SealedStreams.Keys keys = SealedStreams.derive(key, taskNonce, driverNonce);
      wire.seal(keys.driverToTask(), keys.taskToDriver());
    }
  }

  /**
   * Driver side: the hello of a task that proved the token, for a partition below {@code
   * partitions}, its wire sealed if {@code seal}; throws, saying why, for anything else.
   */
  public static Hello accept(StepWire wire, byte[] key, int partitions, boolean seal)
      throws IOException {
    if (wire.readInt() != StepWire.HELLO) {
      throw new IOException("not a resident task's hello");
    }
    byte[] taskNonce = new byte[NONCE_BYTES];
    wire.readBytes(taskNonce);
    Hello hello = new Hello(wire.readInt(), wire.readInt(), wire.readInt());
    if (hello.partition() < 0 || hello.partition() >= partitions) {
      throw new IOException(
          "hello for partition " + hello.partition() + ", outside 0.." + (partitions - 1));
    }
    byte[] driverNonce = nonce();
    wire.writeBytes(driverNonce);
    wire.flush();
    byte[] proof = new byte[MAC_BYTES];
    wire.readBytes(proof);
    if (!MessageDigest.isEqual(proof, mac(key, "task", taskNonce, driverNonce, hello))) {
      throw new IOException("the task did not prove the run's token");
    }
    wire.writeBytes(mac(key, "driver", taskNonce, driverNonce, hello));
    wire.flush();
    if (seal) {
      SealedStreams.Keys keys = SealedStreams.derive(key, taskNonce, driverNonce);
      wire.seal(keys.taskToDriver(), keys.driverToTask());
    }
    return hello;
  }

  private static byte[] nonce() {
    byte[] n = new byte[NONCE_BYTES];
    RANDOM.nextBytes(n);
    return n;
  }

  private static byte[] mac(byte[] key, String label, byte[] taskNonce, byte[] driverNonce, Hello h)
      throws IOException {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      mac.update(label.getBytes(StandardCharsets.US_ASCII));
      mac.update(taskNonce);
      mac.update(driverNonce);
      mac.update(
          ByteBuffer.allocate(12)
              .putInt(h.partition())
              .putInt(h.stageId())
              .putInt(h.stageAttempt())
              .array());
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IOException("HMAC-SHA256 unavailable: " + e.getMessage(), e);
    }
  }
}

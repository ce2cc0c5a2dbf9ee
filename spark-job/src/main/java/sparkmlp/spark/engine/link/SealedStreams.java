package sparkmlp.spark.engine.link;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM frames for a resident link when the cluster asks Spark to encrypt its traffic. Each
 * direction has its own key, derived by HKDF-SHA256 (RFC 5869) from the run's token with both
 * handshake nonces as salt, so keys differ on every connection; each frame's 96-bit IV is its
 * sequence number, so no IV repeats under a key, and a frame replayed, reordered or altered fails
 * its tag. A frame is a 4-byte big-endian ciphertext length, then the ciphertext and its 16-byte
 * tag.
 */
public final class SealedStreams {
  public static final int FRAME_BYTES = 1 << 16;
  private static final int TAG_BITS = 128;
  private static final String AES_GCM = "AES/GCM/NoPadding";

  private SealedStreams() {}

  /** The two directions' keys of one connection: task to driver, driver to task. */
  public record Keys(byte[] taskToDriver, byte[] driverToTask) {}

  /** HKDF-SHA256: extract with both nonces as salt, expand once per direction. */
  public static Keys derive(byte[] token, byte[] taskNonce, byte[] driverNonce) throws IOException {
    byte[] salt =
        ByteBuffer.allocate(taskNonce.length + driverNonce.length)
            .put(taskNonce)
            .put(driverNonce)
            .array();
    byte[] prk = hmac(salt, token);
    return new Keys(
        expand(prk, "mlp resident task->driver"), expand(prk, "mlp resident driver->task"));
  }

  private static byte[] expand(byte[] prk, String info) throws IOException {
    byte[] label = info.getBytes(StandardCharsets.US_ASCII);
    // T(1) = HMAC(PRK, info || 0x01): one block gives the 32 bytes of an AES-256 key
    return hmac(prk, ByteBuffer.allocate(label.length + 1).put(label).put((byte) 1).array());
  }

  private static byte[] hmac(byte[] key, byte[] data) throws IOException {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IOException("HMAC-SHA256 unavailable: " + e.getMessage(), e);
    }
  }

  private static Cipher cipher(int mode, SecretKeySpec key, long sequence) throws IOException {
    try {
      Cipher c = Cipher.getInstance(AES_GCM);
      byte[] iv = ByteBuffer.allocate(12).putInt(0).putLong(sequence).array();
      c.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
      return c;
    } catch (GeneralSecurityException e) {
      throw new IOException("AES-GCM unavailable: " + e.getMessage(), e);
    }
  }

  /** Writes frames of at most {@link #FRAME_BYTES} of plain bytes; flush ends a frame. */
  public static final class Out extends OutputStream {
    private final OutputStream out;
    private final SecretKeySpec key;
    private final byte[] plain = new byte[FRAME_BYTES];
    private final byte[] sealed = new byte[4 + FRAME_BYTES + TAG_BITS / 8];
    private int size;
    private long sequence;

    Out(OutputStream out, byte[] key) {
      this.out = out;
      this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public void write(int b) throws IOException {
      if (size == plain.length) {
        seal();
      }
      plain[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (size == plain.length) {
          seal();
        }
        int n = Math.min(len, plain.length - size);
        System.arraycopy(b, off, plain, size, n);
        size += n;
        off += n;
        len -= n;
      }
    }

    @Override
    public void flush() throws IOException {
      if (size > 0) {
        seal();
      }
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }

    private void seal() throws IOException {
      try {
        int n = cipher(Cipher.ENCRYPT_MODE, key, sequence++).doFinal(plain, 0, size, sealed, 4);
        ByteBuffer.wrap(sealed).putInt(0, n);
        out.write(sealed, 0, 4 + n);
        size = 0;
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-GCM failed: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Reads and opens frames. A read that times out mid-frame keeps what it has, so the next read
   * (after {@link StepWire}'s liveness check) goes on where it stopped.
   */
  public static final class In extends InputStream {
    private final InputStream in;
    private final SecretKeySpec key;
    private final byte[] sealed = new byte[4 + FRAME_BYTES + TAG_BITS / 8];
    private final byte[] plain = new byte[FRAME_BYTES];
    private int got;
    private int length = -1;
    private int pos;
    private int size;
    private long sequence;

    In(InputStream in, byte[] key) {
      this.in = in;
      this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (pos == size) {
        if (!open()) {
          return -1;
        }
      }
      int n = Math.min(len, size - pos);
      System.arraycopy(plain, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    /** Reads (the rest of) the next frame and opens it; false at a clean end of stream. */
    private boolean open() throws IOException {
      while (length < 0) {
        int n = in.read(sealed, got, 4 - got);
        if (n < 0) {
          if (got == 0) {
            return false;
          }
          throw new EOFException("resident link: stream ended inside a frame header");
        }
        got += n;
        if (got == 4) {
          length = ByteBuffer.wrap(sealed).getInt(0);
          if (length < TAG_BITS / 8 || length > sealed.length - 4) {
            throw new IOException("resident link: a frame of " + length + " bytes");
          }
        }
      }
      while (got < 4 + length) {
        int n = in.read(sealed, got, 4 + length - got);
        if (n < 0) {
          throw new EOFException("resident link: stream ended inside a frame");
        }
        got += n;
      }
      try {
        size = cipher(Cipher.DECRYPT_MODE, key, sequence++).doFinal(sealed, 4, length, plain, 0);
      } catch (GeneralSecurityException e) {
        throw new IOException("resident link: a frame failed authentication", e);
      }
      pos = 0;
      got = 0;
      length = -1;
      return true;
    }
  }
}

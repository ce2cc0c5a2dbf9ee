package sparkmlp.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary container behind model and checkpoint files (docs/model-format.md): an 8-byte magic, a
 * format version, a UTF-8 JSON header, named arrays of little-endian doubles whose names and
 * lengths the header declares, and a CRC-32 of everything before it. Readers check every declared
 * length against what the caller expects before allocating anything.
 */
public final class Container {
  /** "SPARKMLP" in ASCII. */
  static final byte[] MAGIC = "SPARKMLP".getBytes(StandardCharsets.US_ASCII);

  public static final int FORMAT_VERSION = 1;
  static final int MAX_HEADER_BYTES = 64 << 20;
  static final ObjectMapper JSON = Json.MAPPER;

  private Container() {}

  /**
   * Writes a container: the header gets an {@code arrays} list naming each array and its length.
   */
  public static void write(OutputStream out, ObjectNode header, Map<String, double[]> arrays)
      throws IOException {
    ObjectNode h = header.deepCopy();
    ArrayNode decl = h.putArray("arrays");
    for (Map.Entry<String, double[]> e : arrays.entrySet()) {
      decl.addObject().put("name", e.getKey()).put("length", e.getValue().length);
    }
    byte[] json = JSON.writeValueAsBytes(h);
    CRC32 crc = new CRC32();
    ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    head.put(MAGIC).putInt(FORMAT_VERSION).putInt(json.length);
    emit(out, crc, head.array(), head.position());
    emit(out, crc, json, json.length);
    ByteBuffer buf = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
    for (double[] a : arrays.values()) {
      for (double v : a) {
        if (!buf.hasRemaining()) {
          emit(out, crc, buf.array(), buf.position());
          buf.clear();
        }
        buf.putDouble(v);
      }
    }
    emit(out, crc, buf.array(), buf.position());
    ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    tail.putInt((int) crc.getValue());
    out.write(tail.array());
    out.flush();
  }

  private static void emit(OutputStream out, CRC32 crc, byte[] b, int len) throws IOException {
    crc.update(b, 0, len);
    out.write(b, 0, len);
  }

  /** Opens a container for reading; {@code source} names the file in every message. */
  public static Reader open(InputStream in, String source) throws IOException {
    return new Reader(in, source, -1);
  }

  /**
   * The same for a stream of known length (≥ 0): declared sizes are checked against it up front.
   */
  public static Reader open(InputStream in, String source, long length) throws IOException {
    return new Reader(in, source, length);
  }

  /**
   * Reads a container's header, then its arrays in declared order, then checks the checksum and the
   * end.
   */
  public static final class Reader {
    private final InputStream in;
    private final String source;
    private final CRC32 crc = new CRC32();
    private final JsonNode header;
    private final Map<String, Long> declared = new LinkedHashMap<>();
    private final Map<String, Long> expected = new LinkedHashMap<>();
    private int headerBytes;

    private final long length;

    private Reader(InputStream in, String source, long length) throws IOException {
      this.in = in;
      this.source = source;
      this.length = length;
      byte[] head = readFully(16, "the file header");
      for (int i = 0; i < MAGIC.length; i++) {
        if (head[i] != MAGIC[i]) {
          throw bad("not a sparkmlp model or checkpoint file (bad magic bytes)");
        }
      }
      ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
      int version = b.getInt(8);
      if (version != FORMAT_VERSION) {
        throw bad(
            "unsupported format version "
                + Integer.toUnsignedString(version)
                + "; this build reads version "
                + FORMAT_VERSION);
      }
      int len = b.getInt(12);
      if (len < 2 || len > MAX_HEADER_BYTES) {
        throw bad(
            "header length "
                + Integer.toUnsignedString(len)
                + " is out of range (2.."
                + MAX_HEADER_BYTES
                + ")");
      }
      headerBytes = len;
      if (this.length >= 0 && 16L + len > this.length) {
        throw bad(
            "truncated: the header length "
                + len
                + " runs past the end of the file ("
                + this.length
                + " bytes)");
      }
      // Without a known length the declared size is only a claim: read it in pieces, so a corrupt
      // or hostile file declaring 64 MiB costs no more memory than the bytes it really has.
      byte[] json = this.length >= 0 ? readFully(len, "the JSON header") : readInPieces(len);
      try {
        header = JSON.readTree(json);
      } catch (IOException e) {
        throw bad("header is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
      if (header == null || !header.isObject()) {
        throw bad("header is not a JSON object");
      }
      readDeclaredArrays();
    }

    /** The header's {@code arrays} list: each name and length, each name once. */
    private void readDeclaredArrays() {
      JsonNode arrays = header.path("arrays");
      if (!arrays.isArray()) {
        throw bad("header has no 'arrays' list");
      }
      for (JsonNode a : arrays) {
        String name = a.path("name").asText(null);
        JsonNode count = a.path("length");
        if (name == null
            || !count.isIntegralNumber()
            || !count.canConvertToLong()
            || count.asLong() < 0) {
          throw bad("header declares an array without a valid name and length: " + a);
        }
        if (declared.put(name, count.asLong()) != null) {
          throw bad("header declares array '" + name + "' twice");
        }
      }
    }

    public JsonNode header() {
      return header;
    }

    public String source() {
      return source;
    }

    /** Lengths of the declared arrays, in order. */
    public Map<String, Long> declaredArrays() {
      return declared;
    }

    /**
     * States the lengths the caller expects, one per declared array in order; a file declaring
     * anything else is rejected here, before any array is allocated.
     */
    public Reader expect(Map<String, Long> lengths) {
      if (!declared.keySet().equals(lengths.keySet())) {
        throw bad("expected arrays " + lengths.keySet() + ", found " + declared.keySet());
      }
      for (Map.Entry<String, Long> e : lengths.entrySet()) {
        long found = declared.get(e.getKey());
        if (found != e.getValue()) {
          throw bad(
              "array '"
                  + e.getKey()
                  + "' should hold "
                  + e.getValue()
                  + " values for the declared shapes, found "
                  + found);
        }
      }
      expected.putAll(lengths);
      if (length >= 0) {
        long total = 16L + headerBytes + 4;
        for (long n : lengths.values()) {
          total += 8 * n;
        }
        if (total != length) {
          throw bad(
              (total > length ? "truncated" : "unexpected bytes after the checksum")
                  + ": the header declares "
                  + total
                  + " bytes in all, the file has "
                  + length);
        }
      }
      return this;
    }

    /**
     * Reads all arrays (after {@link #expect}), then verifies the checksum and that nothing
     * follows.
     */
    public Map<String, double[]> readArrays() throws IOException {
      if (expected.isEmpty() && !declared.isEmpty()) {
        throw new IllegalStateException("call expect() before readArrays()");
      }
      Map<String, double[]> out = new LinkedHashMap<>();
      byte[] chunk = new byte[8 * 8192];
      for (Map.Entry<String, Long> e : declared.entrySet()) {
        int total = Math.toIntExact(e.getValue());
        // Grown as data arrives, so a short file claiming a huge array fails before a huge
        // allocation.
        double[] a = new double[Math.min(total, 1 << 16)];
        int done = 0;
        while (done < total) {
          int n = Math.min(8192, total - done);
          int got = in.readNBytes(chunk, 0, 8 * n);
          if (got < 8 * n) {
            throw bad(
                "truncated: array '"
                    + e.getKey()
                    + "' ("
                    + total
                    + " values) needs "
                    + 8L * (total - done)
                    + " more bytes, found "
                    + got);
          }
          crc.update(chunk, 0, got);
          if (done + n > a.length) {
            a =
                java.util.Arrays.copyOf(
                    a, (int) Math.min(total, Math.max(2L * a.length, done + n)));
          }
          ByteBuffer.wrap(chunk, 0, 8 * n)
              .order(ByteOrder.LITTLE_ENDIAN)
              .asDoubleBuffer()
              .get(a, done, n);
          done += n;
        }
        out.put(e.getKey(), a);
      }
      long computed = crc.getValue();
      byte[] tail = new byte[4];
      int got = in.readNBytes(tail, 0, 4);
      if (got < 4) {
        throw bad("truncated: the checksum is missing");
      }
      long stored =
          Integer.toUnsignedLong(ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).getInt());
      if (stored != computed) {
        throw bad("checksum mismatch: the file is corrupt");
      }
      if (in.read() != -1) {
        throw bad("unexpected bytes after the checksum");
      }
      return out;
    }

    private byte[] readFully(int n, String what) throws IOException {
      byte[] b = new byte[n];
      readInto(b, n, what);
      return b;
    }

    /** Reads {@code n} header bytes, allocating as they arrive (at most 1 MiB ahead). */
    private byte[] readInPieces(int n) throws IOException {
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream(Math.min(n, 1 << 16));
      byte[] piece = new byte[Math.min(n, 1 << 20)];
      while (got.size() < n) {
        int want = Math.min(piece.length, n - got.size());
        int r = in.readNBytes(piece, 0, want);
        got.write(piece, 0, r);
        if (r < want) {
          throw bad("truncated: the JSON header needs " + n + " more bytes, found " + got.size());
        }
      }
      byte[] b = got.toByteArray();
      crc.update(b, 0, n);
      return b;
    }

    private void readInto(byte[] b, int n, String what) throws IOException {
      int got = in.readNBytes(b, 0, n);
      if (got < n) {
        throw bad("truncated: " + what + " needs " + n + " more bytes, found " + got);
      }
      crc.update(b, 0, n);
    }

    public FormatException bad(String what) {
      return new FormatException(source + ": " + what);
    }
  }
}

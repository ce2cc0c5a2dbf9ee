package sparkmlp.spark.engine.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The resident engine's socket, without Spark: where it listens, the handshake that proves the
 * run's token both ways without sending it, a silent connection that cannot hold up real tasks, and
 * the deadline that ends a write to a peer that stopped reading. Loopback only.
 */
class ResidentTransportTest {
  private static final byte[] KEY = Handshake.key(0x0123456789abcdefL, 0x7edcba9876543210L);
  private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

  /** A driver host on the LAN, as Spark sets it: a documentation address, never contacted. */
  private static SparkConf lanDriver() {
    return new SparkConf(false).set("spark.driver.host", "192.0.2.10");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "local[2]", "local[*]", "local[2,3]"})
  void aLocalMasterListensOnLoopbackWhateverTheDriverHost(String master) throws IOException {
    assertTrue(DriverPort.bindAddress(master, lanDriver()).isLoopbackAddress());
    assertEquals(LOOPBACK, DriverPort.taskHost(master, lanDriver()));
    try (DriverPort port = DriverPort.open(master, lanDriver(), KEY, 2, 60_000)) {
      assertTrue(port.boundAddress().isLoopbackAddress(), port.boundAddress().toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark://master:7077", "yarn", "local-cluster[2,1,1024]"})
  void aClusterListensOnTheDriversBindAddress(String master) throws IOException {
    SparkConf conf = lanDriver();
    assertEquals("192.0.2.10", DriverPort.bindAddress(master, conf).getHostAddress());
    assertEquals("192.0.2.10", DriverPort.taskHost(master, conf));
    conf.set("spark.driver.bindAddress", "0.0.0.0");
    assertEquals("0.0.0.0", DriverPort.bindAddress(master, conf).getHostAddress());
    assertEquals("192.0.2.10", DriverPort.taskHost(master, conf));
  }

  @ParameterizedTest
  @ValueSource(strings = {"spark.network.crypto.enabled", "spark.ssl.enabled"})
  void aClusterThatAsksForEncryptionGetsSealedLinks(String key) {
    SparkConf conf = lanDriver().set(key, "true");
    assertTrue(DriverPort.encryptionRequired("spark://master:7077", conf));
    // a local master's link stays on loopback
    assertFalse(DriverPort.encryptionRequired("local[2]", conf));
    assertFalse(DriverPort.encryptionRequired("spark://master:7077", lanDriver()));
    // and summary.json says which
    assertEquals(
        "sealed (AES-GCM keyed from the run's secret, since " + key + " = true)",
        DriverPort.linksDescription("spark://master:7077", conf));
    assertEquals(
        "plain (local master: loopback only)", DriverPort.linksDescription("local[2]", conf));
    assertEquals("plain", DriverPort.linksDescription("spark://master:7077", lanDriver()));
  }

  @Test
  void aSealedLinkCarriesStepsBothWays() throws Exception {
    SparkConf conf =
        new SparkConf(false)
            .set("spark.driver.host", LOOPBACK)
            .set("spark.network.crypto.enabled", "true");
    double[] weights = new double[100_000];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.sin(i);
    }
    try (DriverPort port = DriverPort.open("spark://master:7077", conf, KEY, 2, 60_000)) {
      assertTrue(port.sealed());
      CompletableFuture<double[]> task =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket socket = new Socket(port.taskHost(), port.port());
                    StepWire wire = new StepWire(socket, () -> {})) {
                  Handshake.join(wire, KEY, new Handshake.Hello(1, 4, 0), true);
                  double[] got = new double[weights.length];
                  assertEquals(StepWire.STEP, wire.readInt());
                  wire.readDoubles(got);
                  wire.writeDouble(2.5);
                  wire.flush();
                  return got;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      DriverPort.Joined joined = port.next(60_000);
      assertEquals(new Handshake.Hello(1, 4, 0), joined.hello());
      joined.wire().writeInt(StepWire.STEP);
      joined.wire().writeDoubles(weights);
      joined.wire().flush();
      assertEquals(2.5, joined.wire().readDouble(), 0.0);
      assertArrayEquals(weights, task.get(60, TimeUnit.SECONDS), 0.0);
      joined.wire().close();
    }
  }

  @Test
  void sealedFramesHideThePlainBytesAndRefuseATamperedFrame() throws Exception {
    SealedStreams.Keys keys = SealedStreams.derive(KEY, new byte[32], new byte[32]);
    byte[] plain = new byte[200_000];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) (i % 251);
    }
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    SealedStreams.Out out = new SealedStreams.Out(wire, keys.taskToDriver());
    out.write(plain, 0, plain.length);
    out.flush();
    byte[] sealed = wire.toByteArray();
    // four frames (64 KiB each at most), each with a 4-byte length and a 16-byte tag
    assertEquals(plain.length + 4 * (4 + 16), sealed.length);
    assertFalse(contains(sealed, java.util.Arrays.copyOf(plain, 16)));
    // read back one byte at a time, a socket timeout between bytes: the frame resumes
    SealedStreams.In trickled = new SealedStreams.In(new Trickle(sealed), keys.taskToDriver());
    byte[] back = new byte[plain.length];
    int got = 0;
    int timeouts = 0;
    while (got < back.length) {
      try {
        int n = trickled.read(back, got, back.length - got);
        assertTrue(n > 0);
        got += n;
      } catch (java.net.SocketTimeoutException slice) {
        timeouts++;
      }
    }
    assertArrayEquals(plain, back);
    int end;
    while (true) {
      try {
        end = trickled.read(back, 0, 1);
        break;
      } catch (java.net.SocketTimeoutException slice) {
        timeouts++;
      }
    }
    assertEquals(-1, end);
    assertEquals(sealed.length + 1, timeouts, "one timeout before each byte and the end");
    // the other direction's key does not open it
    IOException wrongKey =
        assertThrows(
            IOException.class,
            () ->
                new SealedStreams.In(new java.io.ByteArrayInputStream(sealed), keys.driverToTask())
                    .readNBytes(10));
    assertEquals("resident link: a frame failed authentication", wrongKey.getMessage());
    sealed[100] ^= 1;
    IOException tampered =
        assertThrows(
            IOException.class,
            () ->
                new SealedStreams.In(new java.io.ByteArrayInputStream(sealed), keys.taskToDriver())
                    .readNBytes(10));
    assertEquals("resident link: a frame failed authentication", tampered.getMessage());
  }

  /** Hands out one byte a read, with a socket timeout before each. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private int pos;
    private boolean timedOut;

    Trickle(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (!timedOut) {
        timedOut = true;
        throw new java.net.SocketTimeoutException("slice");
      }
      timedOut = false;
      if (pos == bytes.length) {
        return -1;
      }
      b[off] = bytes[pos++];
      return 1;
    }
  }

  @Test
  void aTaskThatProvesTheTokenJoinsWithItsPartitionAndStage() throws Exception {
    try (DriverPort port = DriverPort.open("local[2]", lanDriver(), KEY, 2, 60_000)) {
      CompletableFuture<Void> task = join(port, KEY, new Handshake.Hello(1, 7, 2));
      DriverPort.Joined joined = port.next(60_000);
      assertNotNull(joined);
      assertEquals(new Handshake.Hello(1, 7, 2), joined.hello());
      task.get(60, TimeUnit.SECONDS);
      joined.wire().close();
    }
  }

  @Test
  void aSilentConnectionDoesNotKeepARealTaskWaiting() throws Exception {
    // a deadline far beyond the test: the real task must join while the silent one still waits
    try (DriverPort port = DriverPort.open("local[2]", lanDriver(), KEY, 2, 600_000);
        Socket silent = new Socket()) {
      silent.connect(new InetSocketAddress(LOOPBACK, port.port()));
      CompletableFuture<Void> task = join(port, KEY, new Handshake.Hello(0, 3, 0));
      DriverPort.Joined joined = port.next(60_000);
      assertNotNull(joined, "the real task joined behind a silent connection");
      assertEquals(new Handshake.Hello(0, 3, 0), joined.hello());
      task.get(60, TimeUnit.SECONDS);
      joined.wire().close();
    }
  }

  @Test
  void aSilentConnectionIsDroppedAtTheHandshakeDeadline() throws Exception {
    try (DriverPort port = DriverPort.open("local[2]", lanDriver(), KEY, 2, 200);
        Socket silent = new Socket()) {
      silent.connect(new InetSocketAddress(LOOPBACK, port.port()));
      silent.setSoTimeout(60_000);
      assertEquals(-1, silent.getInputStream().read(), "the driver closed the connection");
      assertEquals(null, port.next(0));
    }
  }

  @Test
  void aTaskWithTheWrongTokenIsRefusedAndNeverJoins() throws Exception {
    byte[] wrong = Handshake.key(1, 2);
    try (DriverPort port = DriverPort.open("local[2]", lanDriver(), KEY, 2, 60_000)) {
      CompletableFuture<Void> impostor = join(port, wrong, new Handshake.Hello(0, 3, 0));
      Exception e = assertThrows(Exception.class, () -> impostor.get(60, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof UncheckedIOException, e.toString());
      // the real task still joins, and is the only one
      CompletableFuture<Void> task = join(port, KEY, new Handshake.Hello(0, 3, 0));
      DriverPort.Joined joined = port.next(60_000);
      assertEquals(new Handshake.Hello(0, 3, 0), joined.hello());
      task.get(60, TimeUnit.SECONDS);
      assertEquals(null, port.next(0));
      joined.wire().close();
    }
  }

  @Test
  void aDriverThatCannotProveTheTokenIsRefusedByTheTaskWhichNeverSendsIt() throws Exception {
    try (ServerSocket fake = new ServerSocket()) {
      fake.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ByteArrayOutputStream heard = new ByteArrayOutputStream();
      CompletableFuture<Void> driver =
          CompletableFuture.runAsync(
              () -> {
                try (Socket s = fake.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  OutputStream out = s.getOutputStream();
                  // hello: magic, nonce, partition, stage, attempt
                  copy(in, heard, 4 + Handshake.NONCE_BYTES + 12);
                  out.write(new byte[Handshake.NONCE_BYTES]);
                  out.flush();
                  copy(in, heard, 32); // the task's proof
                  out.write(new byte[32]); // a proof made without the token
                  out.flush();
                  heard.write(in.readAllBytes());
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), fake.getLocalPort());
      try (StepWire wire = new StepWire(socket, () -> {})) {
        IOException e =
            assertThrows(
                IOException.class,
                () -> Handshake.join(wire, KEY, new Handshake.Hello(1, 7, 0), false));
        assertEquals(
            "the peer at " + socket.getRemoteSocketAddress() + " did not prove the run's token",
            e.getMessage());
      }
      driver.get(60, TimeUnit.SECONDS);
      assertEquals(4 + Handshake.NONCE_BYTES + 12 + 32, heard.size());
      assertFalse(contains(heard.toByteArray(), KEY), "the token went over the wire");
    }
  }

  @Test
  void onlyTheBarrierStagesOwnAttemptsCountAsSupersedingIt() {
    // the epoch's job: the data's shuffle (stage 3), rerun once, then the barrier stage (5)
    Map<Integer, Integer> attempts = Map.of(3, 1, 5, 0, 6, 0);
    IntUnaryOperator tracker = id -> attempts.getOrDefault(id, -1);
    assertEquals(0, TaskLinks.currentAttempt(5, tracker));
    assertEquals(1, TaskLinks.currentAttempt(3, tracker));
    assertEquals(-1, TaskLinks.currentAttempt(-1, tracker), "no hello yet");
  }

  @Test
  void aWriteToAPeerThatStoppedReadingEndsAtTheStepDeadline() throws Exception {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
      try (Socket neverReads = server.accept();
          StepWire wire = new StepWire(client, () -> {});
          StepDeadline deadline = new StepDeadline(200)) {
        deadline.arm(wire::close);
        double[] weights = new double[1 << 20];
        // 8 MiB a step, far beyond the socket buffers: only the deadline can end this
        assertThrows(
            IOException.class,
            () -> {
              while (true) {
                wire.writeDoubles(weights);
                wire.flush();
              }
            });
        assertTrue(deadline.expired());
        assertFalse(neverReads.isClosed());
      }
    }
  }

  @Test
  void aDisarmedDeadlineNeverFires() throws Exception {
    try (StepDeadline deadline = new StepDeadline(100)) {
      boolean[] fired = new boolean[1];
      deadline.arm(() -> fired[0] = true);
      deadline.disarm();
      // arming again replaces the first: it is the one that fires
      CompletableFuture<Void> second = new CompletableFuture<>();
      deadline.arm(() -> second.complete(null));
      second.get(60, TimeUnit.SECONDS);
      assertTrue(deadline.expired());
      assertArrayEquals(new boolean[] {false}, fired);
    }
  }

  private static CompletableFuture<Void> join(DriverPort port, byte[] key, Handshake.Hello hello) {
    return CompletableFuture.runAsync(
        () -> {
          Socket socket = new Socket();
          try {
            socket.connect(new InetSocketAddress(port.taskHost(), port.port()), 60_000);
            StepWire wire = new StepWire(socket, () -> {});
            socket.setSoTimeout(60_000);
            Handshake.join(wire, key, hello, false);
          } catch (IOException e) {
            try {
              socket.close();
            } catch (IOException ignored) {
              // the failure is what the caller sees
            }
            throw new UncheckedIOException(e);
          }
        });
  }

  private static void copy(InputStream in, ByteArrayOutputStream to, int n) throws IOException {
    to.write(in.readNBytes(n));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}

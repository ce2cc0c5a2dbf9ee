package sparkmlp.spark.engine.barrier;

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
import sparkmlp.spark.config.InvalidConfigException;

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
  void aClusterThatAsksForEncryptionIsRefused(String key) {
    SparkConf conf = lanDriver().set(key, "true");
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> DriverPort.refuseWhereEncryptionIsRequired("spark://master:7077", conf));
    assertEquals(
        "config key 'mlp.train.engine' is barrier, whose link between executors and the driver is"
            + " authenticated but not encrypted, and "
            + key
            + " = true asks for encryption; use engine = jobs (Spark's own encrypted transfers)",
        e.getMessage());
    // a local master's link stays on loopback
    DriverPort.refuseWhereEncryptionIsRequired("local[2]", conf);
    DriverPort.refuseWhereEncryptionIsRequired("spark://master:7077", lanDriver());
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
                IOException.class, () -> Handshake.join(wire, KEY, new Handshake.Hello(1, 7, 0)));
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
    assertEquals(0, BarrierGradientSource.currentAttempt(5, tracker));
    assertEquals(1, BarrierGradientSource.currentAttempt(3, tracker));
    assertEquals(-1, BarrierGradientSource.currentAttempt(-1, tracker), "no hello yet");
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
            Handshake.join(wire, key, hello);
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

package sparkmlp.spark.engine.link;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's socket for resident tasks that cannot join in its JVM. Bound to loopback on a local
 * master (its tasks run on this machine), else to {@code spark.driver.bindAddress} (default {@code
 * spark.driver.host}). One thread accepts; each connection then runs its {@link Handshake} on a
 * thread of its own under a deadline, so a peer that connects and stays silent is dropped, with one
 * log line, without keeping real tasks waiting. Links are sealed (AES-GCM, {@link SealedStreams})
 * when a cluster asks Spark to encrypt its traffic.
 */
public final class DriverPort implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(DriverPort.class);

  /** A task that proved the token: its wire, and what it said of itself. */
  public record Joined(StepWire wire, Handshake.Hello hello) {}

  private final ServerSocket server;
  private final String taskHost;
  private final byte[] key;
  private final int partitions;
  private final int helloMillis;
  private final boolean sealed;
  private final BlockingQueue<Joined> arrivals = new LinkedBlockingQueue<>();
  private final Thread acceptor;
  private volatile boolean closed;

  private DriverPort(
      ServerSocket server,
      String taskHost,
      byte[] key,
      int partitions,
      int helloMillis,
      boolean sealed) {
    this.server = server;
    this.sealed = sealed;
    this.taskHost = taskHost;
    this.key = key;
    this.partitions = partitions;
    this.helloMillis = helloMillis;
    this.acceptor = new Thread(this::acceptLoop, "mlp-resident-accept");
    acceptor.setDaemon(true);
  }

  /**
   * Opens the port for a run on {@code master}: tasks of {@code partitions} partitions, proving
   * {@code key}, each given {@code helloMillis} from connecting to finish its handshake.
   */
  public static DriverPort open(
      String master, SparkConf conf, byte[] key, int partitions, int helloMillis)
      throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      server.bind(new InetSocketAddress(bindAddress(master, conf), 0), partitions);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    DriverPort port =
        new DriverPort(
            server,
            taskHost(master, conf),
            key,
            partitions,
            helloMillis,
            encryptionRequired(master, conf));
    port.acceptor.start();
    return port;
  }

  /** A local master's tasks run on this machine (local, local[n], local[n,f], local[*]). */
  public static boolean localMaster(String master) {
    return master.equals("local") || master.startsWith("local[");
  }

  /**
   * Whether the links must be encrypted: on a cluster that asked Spark to encrypt its traffic
   * ({@code spark.network.crypto.enabled} or {@code spark.ssl.enabled}). A local master's link
   * never leaves the machine (loopback).
   */
  public static boolean encryptionRequired(String master, SparkConf conf) {
    return !localMaster(master)
        && (conf.getBoolean("spark.network.crypto.enabled", false)
            || conf.getBoolean("spark.ssl.enabled", false));
  }

  /**
   * How the resident links of a run on this master and conf travel, for {@code summary.json}:
   * sealed (AES-GCM keyed from the run's secret) when {@link #encryptionRequired}, else plain.
   */
  public static String linksDescription(String master, SparkConf conf) {
    if (!encryptionRequired(master, conf)) {
      return localMaster(master) ? "plain (local master: loopback only)" : "plain";
    }
    String asked =
        conf.getBoolean("spark.network.crypto.enabled", false)
            ? "spark.network.crypto.enabled"
            : "spark.ssl.enabled";
    return "sealed (AES-GCM keyed from the run's secret, since " + asked + " = true)";
  }

  /** Where the driver listens: loopback on a local master, else the driver's bind address. */
  public static InetAddress bindAddress(String master, SparkConf conf) throws UnknownHostException {
    if (localMaster(master)) {
      return InetAddress.getLoopbackAddress();
    }
    return InetAddress.getByName(conf.get("spark.driver.bindAddress", driverHost(conf)));
  }

  /** The address tasks connect to: loopback on a local master, else {@code spark.driver.host}. */
  public static String taskHost(String master, SparkConf conf) {
    return localMaster(master)
        ? InetAddress.getLoopbackAddress().getHostAddress()
        : driverHost(conf);
  }

  private static String driverHost(SparkConf conf) {
    return conf.get("spark.driver.host", InetAddress.getLoopbackAddress().getHostAddress());
  }

  /** Whether this port's links are encrypted (the tasks must seal theirs too). */
  public boolean sealed() {
    return sealed;
  }

  public String taskHost() {
    return taskHost;
  }

  public int port() {
    return server.getLocalPort();
  }

  public InetAddress boundAddress() {
    return server.getInetAddress();
  }

  /** The next task to finish its handshake within {@code millis}, else null. */
  public Joined next(int millis) throws InterruptedIOException {
    try {
      return arrivals.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for resident tasks");
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // nothing left to release
    }
    for (Joined j = arrivals.poll(); j != null; j = arrivals.poll()) {
      j.wire().close();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("resident tasks' socket stopped accepting: {}", e.toString());
        }
        return;
      }
      Thread t = new Thread(() -> handshake(socket), "mlp-resident-hello");
      t.setDaemon(true);
      t.start();
    }
  }

  private void handshake(Socket socket) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(helloMillis);
    StepWire wire;
    try {
      wire =
          new StepWire(
              socket,
              () -> {
                if (System.nanoTime() - deadline > 0) {
                  throw new SocketTimeoutException("no handshake within " + helloMillis + " ms");
                }
              });
      socket.setSoTimeout(Math.min(helloMillis, StepWire.SLICE_MILLIS));
    } catch (IOException e) {
      close(socket);
      return;
    }
    try {
      Handshake.Hello hello = Handshake.accept(wire, key, partitions, sealed);
      socket.setSoTimeout(StepWire.SLICE_MILLIS);
      if (closed) {
        wire.close();
        return;
      }
      arrivals.add(new Joined(wire, hello));
    } catch (IOException e) {
      LOG.warn(
          "dropped a connection to the resident tasks' socket from {}: {}",
          socket.getRemoteSocketAddress(),
          e.getMessage());
      wire.close();
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }
}

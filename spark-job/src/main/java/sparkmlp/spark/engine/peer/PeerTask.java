package sparkmlp.spark.engine.peer;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;
import sparkmlp.core.train.UpdateRule;
import sparkmlp.spark.config.PeerSettings.PortRange;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.StepBatches;
import sparkmlp.spark.engine.FaultInjection;
import sparkmlp.spark.engine.jobs.StepTask;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;

/**
 * A task of a {@link PeerEngine} stage. It binds its listener first (in the configured port range),
 * joins the driver (mutual authentication, {@link Handshake}), sends it its {@code host:port} and
 * gets every task's back, connects to each of them ({@link PeerMesh}), tells the driver it is
 * ready, and serves the driver's commands for the epoch ({@link PeerShard}). The addresses go
 * through the driver rather than {@link BarrierTaskContext#allGather}, which waits in whole seconds
 * (about 1 s an epoch measured on {@code local[2]}).
 */
final class PeerTask extends AbstractFunction1<Iterator<PartitionData>, Iterator<Integer>>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The step {@link FaultInjection#residentStep} is told before the task joins. */
  static final int JOINING = -2;

  /** Where the task's driver is and how it proves itself. */
  record Driver(String host, int port, long tokenHigh, long tokenLow, boolean sealed)
      implements Serializable {}

  private final StepBatches batches;
  private final Driver driver;
  private final UpdateRule rule;
  private final boolean floats;
  private final boolean loopback;
  private final PortRange ports;
  private final long joinMillis;

  PeerTask(
      StepBatches batches,
      Driver driver,
      UpdateRule rule,
      boolean floats,
      PeerEngine.Listening listening) {
    this.batches = batches;
    this.driver = driver;
    this.rule = rule;
    this.floats = floats;
    this.loopback = listening.loopback();
    this.ports = listening.ports();
    this.joinMillis = listening.joinMillis();
  }

  @Override
  public Iterator<Integer> apply(Iterator<PartitionData> blocks) {
    BarrierTaskContext context = (BarrierTaskContext) TaskContext.get();
    PartitionData data = StepTask.single(context, blocks);
    int failAt = FaultInjection.residentFailureStep(context);
    StepWire.Liveness killed =
        () -> {
          if (context.isInterrupted()) {
            throw new IOException("task killed");
          }
        };
    FaultInjection.residentStep(context, failAt, JOINING);
    int k = context.numPartitions();
    LayerShards shards = LayerShards.of(batches.net(), k);
    Handshake.Hello me =
        new Handshake.Hello(context.partitionId(), context.stageId(), context.stageAttemptNumber());
    byte[] key = Handshake.key(driver.tokenHigh(), driver.tokenLow());
    try (ServerSocket server = listen(context);
        StepWire wire = new StepWire(connectDriver(), killed)) {
      Handshake.join(wire, key, me, driver.sealed());
      // rendezvous through the driver's authenticated link: this task's address out, every
      // task's back (Spark's allGather sleeps in whole seconds while it waits: ~1 s an epoch)
      PeerWire.writeString(
          wire, server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
      wire.flush();
      String[] addresses = new String[k];
      for (int p = 0; p < k; p++) {
        addresses[p] = PeerWire.readString(wire);
      }
      try (PeerMesh mesh =
          PeerMesh.connect(
              server,
              addresses,
              new PeerMesh.Joining(me, key, driver.sealed(), joinMillis),
              shards,
              floats,
              killed)) {
        KeptShards.Key keep =
            new KeptShards.Key(driver.tokenHigh(), driver.tokenLow(), me.partition());
        PeerShard kept = KeptShards.take(keep);
        PeerShard shard =
            kept != null && kept.fits(shards, floats)
                ? kept
                : new PeerShard(batches, rule, shards, me.partition(), floats);
        wire.writeInt(PeerWire.READY);
        // what it kept from the last epoch, for the driver to check against its copy
        wire.writeLong(shard.steps());
        wire.writeLong(shard.fingerprint());
        wire.flush();
        shard.serve(
            wire,
            mesh,
            data,
            step -> {
              FaultInjection.residentStep(context, failAt, step);
              FaultInjection.residentStall(context, step);
            });
        KeptShards.keep(keep, shard);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "partition " + context.partitionId() + " lost a peer or the driver: " + e.getMessage(),
          e);
    }
    return none();
  }

  /** A listener on this executor's address, on the first free port of the range. */
  private ServerSocket listen(BarrierTaskContext context) throws IOException {
    InetAddress address =
        loopback
            ? InetAddress.getLoopbackAddress()
            : InetAddress.getByName(host(context.getTaskInfos()[context.partitionId()].address()));
    int k = context.numPartitions();
    for (int port = ports.from(); port <= ports.to(); port++) {
      ServerSocket server = new ServerSocket();
      try {
        server.bind(new InetSocketAddress(address, port), k);
        return server;
      } catch (BindException taken) {
        server.close();
      }
    }
    throw new IOException(
        "no free port in "
            + ports.from()
            + "-"
            + ports.to()
            + " on "
            + address.getHostAddress()
            + " (mlp.train.peer.ports)");
  }

  /**
   * The host of a barrier task's address: Spark gives the executor's RPC address, {@code host:port}
   * ({@code [v6]:port} for IPv6).
   */
  static String host(String address) {
    int colon = address.lastIndexOf(':');
    String host =
        colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    if (address.startsWith("[") && address.contains("]")) {
      host = address.substring(1, address.indexOf(']'));
    }
    return host;
  }

  private Socket connectDriver() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(driver.host(), driver.port()), 60_000);
    return socket;
  }

  @SuppressWarnings("unchecked")
  private static Iterator<Integer> none() {
    return (Iterator<Integer>) (Iterator<?>) scala.collection.Iterator$.MODULE$.empty();
  }
}

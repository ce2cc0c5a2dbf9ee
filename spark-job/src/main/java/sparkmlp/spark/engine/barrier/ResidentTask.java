package sparkmlp.spark.engine.barrier;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.FloatGradientSum;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.data.GradientBuffers;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.StepBatches;
import sparkmlp.spark.engine.FaultInjection;
import sparkmlp.spark.engine.jobs.StepTask;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;

/**
 * A task of a {@link BarrierEngine} stage: it stays for an epoch's steps, joined to the driver —
 * through the in-JVM {@link LocalExchange} when the driver's JVM runs it (a local master), else
 * over the driver's socket. For each step it takes the weights, sums its partition's share of the
 * global batch exactly as a {@link StepTask} does (the same {@link PartitionData} methods), and
 * hands the sum back: over the socket its float sum as floats for a float step, else doubles. The
 * driver's end of the epoch ends it.
 */
final class ResidentTask extends AbstractFunction1<Iterator<PartitionData>, Iterator<Integer>>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The step {@link FaultInjection#residentStep} is told before the task joins the driver. */
  static final int JOINING = -2;

  private final StepBatches batches;
  private final String host;
  private final int port;
  private final long tokenHigh;
  private final long tokenLow;
  private final boolean sealed;
  private final boolean floats;

  ResidentTask(
      StepBatches batches, String host, int port, long[] token, boolean sealed, boolean floats) {
    this.batches = batches;
    this.host = host;
    this.port = port;
    this.tokenHigh = token[0];
    this.tokenLow = token[1];
    this.sealed = sealed;
    this.floats = floats;
  }

  @Override
  public Iterator<Integer> apply(Iterator<PartitionData> blocks) {
    TaskContext context = TaskContext.get();
    PartitionData data = StepTask.single(context, blocks);
    int failAt = FaultInjection.residentFailureStep(context);
    StepWire.Liveness killed =
        () -> {
          if (context.isInterrupted()) {
            throw new IOException("task killed");
          }
        };
    FaultInjection.residentStep(context, failAt, JOINING);
    LocalExchange.Link link =
        LocalExchange.join(
            tokenHigh,
            tokenLow,
            context.partitionId(),
            context.stageId(),
            context.stageAttemptNumber());
    if (link != null) {
      try {
        serve(link, killed, context, failAt, data);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "partition " + context.partitionId() + " lost its link to the driver", e);
      }
      return none();
    }
    Socket socket = new Socket();
    try (StepWire wire = new StepWire(connect(socket), killed)) {
      Handshake.join(
          wire,
          Handshake.key(tokenHigh, tokenLow),
          new Handshake.Hello(
              context.partitionId(), context.stageId(), context.stageAttemptNumber()),
          sealed);
      serve(wire, context, failAt, data);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "partition " + context.partitionId() + " lost its connection to the driver", e);
    }
    return none();
  }

  @SuppressWarnings("unchecked")
  private static Iterator<Integer> none() {
    return (Iterator<Integer>) (Iterator<?>) scala.collection.Iterator$.MODULE$.empty();
  }

  /** In the driver's JVM: the weights by reference, the sum handed over as is. */
  private void serve(
      LocalExchange.Link link,
      StepWire.Liveness killed,
      TaskContext context,
      int failAt,
      PartitionData data)
      throws IOException {
    for (LocalExchange.Step s = link.nextStep(killed); s != null; s = link.nextStep(killed)) {
      FaultInjection.residentStep(context, failAt, s.step());
      Vec w = s.weights();
      if (w instanceof FloatVec f) {
        link.reply(
            new LocalExchange.OwnFloats(data.floatGradient(batches, f, s.epoch(), s.step())));
        // while the driver adds the sums and updates: the next step's members
        data.gatherAhead(s.epoch(), s.step() + 1);
      } else {
        link.reply(new LocalExchange.Pooled(data.gradient(batches, w, s.epoch(), s.step())));
      }
    }
  }

  private Socket connect(Socket socket) throws IOException {
    socket.connect(new InetSocketAddress(host, port), 60_000);
    return socket;
  }

  private void serve(StepWire wire, TaskContext context, int failAt, PartitionData data)
      throws IOException {
    int n = batches.net().numParams();
    Vec weights = Vec.zeros(n, floats);
    while (wire.readInt() == StepWire.STEP) {
      int epoch = wire.readInt();
      int step = wire.readInt();
      wire.readValues(weights);
      FaultInjection.residentStep(context, failAt, step);
      if (weights instanceof FloatVec f) {
        // the partition's float sum as it is: no double buffer in between
        FloatGradientSum sum = data.floatGradient(batches, f, epoch, step);
        writeHead(wire, sum.lossSum(), sum.count(), sum.weight());
        wire.writeFloats(sum.grad());
        wire.flush();
        data.gatherAhead(epoch, step + 1);
        continue;
      }
      GradientSum sum = data.gradient(batches, weights, epoch, step);
      try {
        writeHead(wire, sum.lossSum(), sum.count(), sum.weight());
        wire.writeDoubles(sum.grad());
        wire.flush();
      } finally {
        GradientBuffers.release(sum);
      }
    }
  }

  private static void writeHead(StepWire wire, double loss, long count, double weight)
      throws IOException {
    wire.writeDouble(loss);
    wire.writeLong(count);
    wire.writeDouble(weight);
  }
}

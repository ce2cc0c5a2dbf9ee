package sparkmlp.spark.engine.barrier;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.layer.Workspace;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.train.FloatGradientSum;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.data.GradientBuffers;
import sparkmlp.spark.data.PartitionData;
import sparkmlp.spark.data.StepBatches;
import sparkmlp.spark.engine.FaultInjection;
import sparkmlp.spark.engine.jobs.StepTask;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;
import sparkmlp.spark.eval.BlockMetrics;

/**
 * A task of a {@link BarrierEngine} stage: it stays for the run's steps, joined to the driver —
 * through the in-JVM {@link LocalExchange} when the driver's JVM runs it (a local master), else
 * over the driver's socket. For each step it takes the weights, sums its partition's share of the
 * global batch exactly as a {@link StepTask} does (the same {@link PartitionData} methods), and
 * hands the sum back: over the socket its float sum as floats for a float step, else doubles. Asked
 * to validate, it evaluates its share of the validation blocks ({@link ResidentInput}) at the
 * driver's double weights and hands back each block's accumulator. The driver's end ends it.
 */
final class ResidentTask extends AbstractFunction1<Iterator<ResidentInput>, Iterator<Integer>>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The step {@link FaultInjection#residentStep} is told before the task joins the driver. */
  static final int JOINING = -2;

  /** The step {@link FaultInjection#residentStep} is told before the task validates. */
  static final int VALIDATING = -3;

  private final StepBatches batches;
  private final String host;
  private final int port;
  private final long tokenHigh;
  private final long tokenLow;
  private final boolean sealed;
  private final boolean floats;
  private final BlockMetrics metrics;

  /**
   * A task of these steps that joins the driver at {@code host:port}; {@code metrics}: how it
   * evaluates its validation blocks when asked (null when the run's validation is not the tasks').
   */
  ResidentTask(
      StepBatches batches,
      String host,
      int port,
      long[] token,
      boolean sealed,
      boolean floats,
      BlockMetrics metrics) {
    this.batches = batches;
    this.metrics = metrics;
    this.host = host;
    this.port = port;
    this.tokenHigh = token[0];
    this.tokenLow = token[1];
    this.sealed = sealed;
    this.floats = floats;
  }

  @Override
  public Iterator<Integer> apply(Iterator<ResidentInput> inputs) {
    TaskContext context = TaskContext.get();
    ResidentInput input = StepTask.single(context, inputs);
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
        serve(link, killed, context, failAt, input);
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
      serve(wire, context, failAt, input);
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
      ResidentInput input)
      throws IOException {
    PartitionData data = input.data();
    Validation validation = new Validation(input);
    LocalExchange.Step last = null;
    for (LocalExchange.Order o = link.next(killed); o != null; o = link.next(killed)) {
      if (o instanceof LocalExchange.Evaluate e) {
        FaultInjection.residentStep(context, failAt, VALIDATING);
        link.reply(new LocalExchange.Metrics(validation.at(e.params())));
        if (last != null) {
          // while the driver ends the epoch: the next epoch's first members
          data.gatherAfter(batches, last.epoch(), last.step(), true);
        }
        continue;
      }
      LocalExchange.Step s = (LocalExchange.Step) o;
      last = s;
      FaultInjection.residentStep(context, failAt, s.step());
      Vec w = s.weights();
      if (w instanceof FloatVec f) {
        link.reply(
            new LocalExchange.OwnFloats(data.floatGradient(batches, f, s.epoch(), s.step())));
        // while the driver adds the sums and updates: the next step's members (after an epoch's
        // last step, once validated when the task validates, as validating comes first)
        data.gatherAfter(batches, s.epoch(), s.step(), metrics == null);
      } else {
        link.reply(new LocalExchange.Pooled(data.gradient(batches, w, s.epoch(), s.step())));
      }
    }
  }

  /**
   * The task's validation blocks, evaluated in one workspace for the task's run, made at its first
   * validation: no buffers allocated per block and epoch (buffers large enough that G1 allocates
   * them as humongous objects, each of which starts a concurrent collection cycle).
   */
  private final class Validation {
    private final ResidentInput input;
    private Workspace workspace;

    Validation(ResidentInput input) {
      this.input = input;
    }

    /** Each block's accumulator at {@code params}, in the blocks' order. */
    List<MetricsAccumulator> at(double[] params) {
      if (metrics == null) {
        throw new IllegalStateException("a resident task without validation was asked to validate");
      }
      if (workspace == null) {
        workspace =
            metrics.workspace(
                input.validation().stream().mapToInt(DataBlock::size).max().orElse(1));
      }
      List<MetricsAccumulator> parts = new ArrayList<>(input.validation().size());
      for (DataBlock block : input.validation()) {
        parts.add(metrics.of(params, block, workspace));
      }
      return parts;
    }
  }

  private Socket connect(Socket socket) throws IOException {
    socket.connect(new InetSocketAddress(host, port), 60_000);
    return socket;
  }

  private void serve(StepWire wire, TaskContext context, int failAt, ResidentInput input)
      throws IOException {
    PartitionData data = input.data();
    int n = batches.net().numParams();
    Vec weights = Vec.zeros(n, floats);
    double[] params = null;
    Validation validation = new Validation(input);
    int lastEpoch = -1;
    int lastStep = -1;
    for (int order = wire.readInt(); order != StepWire.END; order = wire.readInt()) {
      if (order == StepWire.EVALUATE) {
        params = params == null ? new double[n] : params;
        wire.readDoubles(params);
        FaultInjection.residentStep(context, failAt, VALIDATING);
        MetricsWire.write(wire, validation.at(params));
        if (lastEpoch >= 0) {
          // while the driver ends the epoch: the next epoch's first members
          data.gatherAfter(batches, lastEpoch, lastStep, true);
        }
        continue;
      }
      if (order != StepWire.STEP) {
        throw new IOException("the driver sent order " + order);
      }
      int epoch = wire.readInt();
      int step = wire.readInt();
      lastEpoch = epoch;
      lastStep = step;
      wire.readValues(weights);
      FaultInjection.residentStep(context, failAt, step);
      if (weights instanceof FloatVec f) {
        // the partition's float sum as it is: no double buffer in between
        FloatGradientSum sum = data.floatGradient(batches, f, epoch, step);
        writeHead(wire, sum.lossSum(), sum.count(), sum.weight());
        wire.writeFloats(sum.grad());
        wire.flush();
        data.gatherAfter(batches, epoch, step, metrics == null);
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

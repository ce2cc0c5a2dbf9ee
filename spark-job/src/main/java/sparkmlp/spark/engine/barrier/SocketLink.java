package sparkmlp.spark.engine.barrier;

import java.io.IOException;
import java.util.List;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.StepWire;
import sparkmlp.spark.eval.BlockMetrics;

/**
 * A task connected over the socket: weights written, the sum read into {@code scratch} (floats
 * widened when {@code floats}: a float step's task sends its float sum); a validation's
 * accumulators read as {@code metrics} says (null when the run's validation is not the tasks').
 */
final class SocketLink implements ResidentLink {
  private final StepWire wire;
  private final Handshake.Hello hello;
  private final double[] scratch;
  private final boolean floats;
  private final BlockMetrics metrics;

  SocketLink(
      StepWire wire,
      Handshake.Hello hello,
      double[] scratch,
      boolean floats,
      BlockMetrics metrics) {
    this.metrics = metrics;
    this.wire = wire;
    this.hello = hello;
    this.scratch = scratch;
    this.floats = floats;
  }

  @Override
  public int partition() {
    return hello.partition();
  }

  @Override
  public int stageId() {
    return hello.stageId();
  }

  @Override
  public int stageAttempt() {
    return hello.stageAttempt();
  }

  @Override
  public void sendStep(int epoch, int step, Vec weights) throws IOException {
    wire.writeInt(StepWire.STEP);
    wire.writeInt(epoch);
    wire.writeInt(step);
    wire.writeValues(weights);
    wire.flush();
  }

  @Override
  public void addSumTo(GradientSum total) throws IOException {
    double loss = wire.readDouble();
    long count = wire.readLong();
    double weight = wire.readDouble();
    if (floats) {
      wire.readFloatsAsDoubles(scratch);
    } else {
      wire.readDoubles(scratch);
    }
    total.merge(new GradientSum(scratch, loss, count, weight));
  }

  @Override
  public void sendEvaluate(double[] params) throws IOException {
    wire.writeInt(StepWire.EVALUATE);
    wire.writeDoubles(params);
    wire.flush();
  }

  @Override
  public void addMetricsTo(List<MetricsAccumulator> parts) throws IOException {
    MetricsWire.readInto(wire, metrics, parts);
  }

  @Override
  public void sendEnd() throws IOException {
    wire.writeInt(StepWire.END);
    wire.flush();
  }

  @Override
  public void close() {
    wire.close();
  }
}

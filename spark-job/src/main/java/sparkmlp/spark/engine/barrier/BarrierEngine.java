package sparkmlp.spark.engine.barrier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.data.Precision;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.train.GradientSum;
import sparkmlp.spark.config.BarrierSettings;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.TrainSettings;
import sparkmlp.spark.data.StepBatches;
import sparkmlp.spark.engine.FaultInjection;
import sparkmlp.spark.engine.StepEngine;
import sparkmlp.spark.engine.StepSpec;
import sparkmlp.spark.engine.link.DriverPort;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.ResidentStage;
import sparkmlp.spark.engine.link.StepDeadline;
import sparkmlp.spark.engine.link.StepWire;
import sparkmlp.spark.engine.link.TaskLinks;

/**
 * {@code mlp.train.engine = barrier}: one Spark barrier stage an epoch instead of one job a step.
 * Its k tasks ({@link ResidentTask}, one per cached partition, all running at once) join the driver
 * and stay for the epoch's steps: over a socket the driver opens on its own address, or, on a local
 * master, through the in-JVM {@link LocalExchange}. A step sends the weights to every task and adds
 * each partition's sum, in partition order, into the same double total the jobs engine forms — so
 * both engines give the same weights bit for bit. What a step no longer pays: scheduling a job and
 * its tasks, a broadcast, task results through Spark.
 *
 * <p>A task that fails fails its stage attempt; Spark kills the others and runs the stage again
 * (barrier semantics, up to {@code spark.stage.maxConsecutiveAttempts} times; the stage feeds an
 * empty shuffle, since Spark never reruns a barrier result stage). The driver notices a closed
 * connection, or a newer attempt of the stage, and redoes the step with the new attempt's tasks, at
 * the same weights, so a retry changes nothing. Connections must prove the run's random token
 * ({@link Handshake}); joining and each step have deadlines ({@code mlp.train.barrier}).
 */
public final class BarrierEngine implements StepEngine {

  /** How long a connection may take from connecting to the end of its handshake. */
  private static final int HELLO_MILLIS = 30_000;

  private static final String STEP_KEY = "mlp.train.barrier.step-timeout-seconds";

  private static final String JOIN_KEY = "mlp.train.barrier.join-timeout-seconds";

  /** On a local master: each wait for arriving tasks, in the JVM, then on the socket. */
  private static final int LOCAL_SLICE_MILLIS = 20;

  private final JavaSparkContext jsc;
  private final StepSpec spec;
  private final StepBatches batches;
  private final boolean floats;
  private final int partitions;
  private final long[] token = new long[2];
  private final TaskLinks<ResidentLink> workers;
  private final GradientSum total;
  private final float[] floatWeights;
  private final LocalExchange local;
  private final StepDeadline deadline;
  private final ResidentStage stage;
  private final double[] scratch;
  private long inJvmLinks;
  private long socketLinks;

  private DriverPort port;

  /**
   * An engine for these steps; check first that Spark can run it ({@link #checkRunnable}). On a
   * local master its tasks join in the driver's JVM unless the driver thread's local property
   * {@link FaultInjection#RESIDENT_SOCKETS_ONLY} is {@code true}.
   */
  public BarrierEngine(JavaSparkContext jsc, StepSpec spec, BarrierSettings deadlines) {
    this.jsc = jsc;
    this.spec = spec;
    this.batches = spec.batches();
    int numParams = spec.net().numParams();
    this.floats = spec.precision() == Precision.FLOAT;
    this.partitions = spec.data().partitions();
    this.total = GradientSum.zero(numParams);
    this.floatWeights = floats ? new float[numParams] : null;
    SecureRandom random = new SecureRandom();
    token[0] = random.nextLong();
    token[1] = random.nextLong();
    boolean socketsOnly =
        Boolean.parseBoolean(jsc.getLocalProperty(FaultInjection.RESIDENT_SOCKETS_ONLY));
    this.local =
        DriverPort.localMaster(jsc.sc().master()) && !socketsOnly
            ? LocalExchange.open(token)
            : null;
    this.scratch = new double[numParams];
    this.workers =
        new TaskLinks<>(
            partitions,
            this::nextArrival,
            TimeUnit.SECONDS.toNanos(deadlines.joinTimeoutSeconds()),
            JOIN_KEY,
            link -> {
              if (link instanceof LocalExchange.Link) {
                inJvmLinks++;
              } else {
                socketLinks++;
              }
            });
    this.stage = new ResidentStage(jsc);
    this.deadline = new StepDeadline(TimeUnit.SECONDS.toMillis(deadlines.stepTimeoutSeconds()));
  }

  /**
   * Refuses, with one line naming the key, what this engine cannot run: the sharded reduction,
   * dynamic allocation, more partitions than Spark has task slots.
   */
  public static void checkRunnable(
      JavaSparkContext jsc, TrainSettings.Reduction reduction, int partitions) {
    if (reduction == TrainSettings.Reduction.SHARDED) {
      throw new InvalidConfigException(
          "config key 'mlp.train.reduction' is sharded, but mlp.train.engine = barrier adds the"
              + " partitions' sums on the driver; use engine = jobs for the sharded reduction");
    }
    ResidentStage.checkRunnable(jsc, "barrier", partitions);
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    try {
      if (!stage.running()) {
        launch(epoch);
      }
      while (true) {
        try {
          workers.await(port, () -> stage.check(workers));
          exchange(params, epoch, step);
          break;
        } catch (InterruptedIOException interrupted) {
          throw interrupted;
        } catch (IOException lost) {
          if (deadline.expired()) {
            throw stepTimedOut(epoch, step);
          }
          // the stage attempt failed (a task died or was killed, while joining or mid-step): Spark
          // runs it again, up to its own limits, and its new tasks redo the step at these weights
          workers.drop();
          workers.raiseAttempt(stage.currentAttempt(workers));
        }
      }
      if (step == spec.stepsPerEpoch() - 1) {
        finish();
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException("resident step tasks: " + e.getMessage(), e);
    }
  }

  /** Barrier stages run so far: one an epoch, unless an epoch was resumed part-way. */
  @Override
  public long jobs() {
    return stage.launched();
  }

  /** The engine, why, and the tasks that joined in the driver's JVM and over the socket. */
  @Override
  public ObjectNode toJson() {
    ObjectNode json = spec.summary("spark-barrier");
    json.put(
        "reason",
        "engine=barrier: one barrier stage an epoch, "
            + partitions
            + " resident tasks, sums added on the driver in partition order");
    ObjectNode links = json.putObject("resident_tasks");
    links.put("in_jvm", inJvmLinks);
    links.put("socket", socketLinks);
    json.put("links", DriverPort.linksDescription(jsc.sc().master(), jsc.getConf()));
    return json;
  }

  /** After a failed run too: the resident tasks wait on the driver's socket until it closes. */
  @Override
  public void abandon() {
    close();
  }

  /** Ends a stage still running (a run that stopped part-way) and closes the driver's socket. */
  @Override
  public void close() {
    workers.drop();
    if (local != null) {
      local.close();
    }
    stage.cancel();
    deadline.close();
    if (port != null) {
      port.close();
      port = null;
    }
  }

  private void launch(int epoch) throws IOException {
    // a local run still opens the socket (on loopback): a task whose JVM lacks the exchange falls
    // back to it
    if (port == null) {
      port =
          DriverPort.open(
              jsc.sc().master(),
              jsc.getConf(),
              Handshake.key(token[0], token[1]),
              partitions,
              HELLO_MILLIS);
    }
    ResidentTask fn =
        new ResidentTask(batches, port.taskHost(), port.port(), token, port.sealed(), floats);
    stage.launch(
        spec.data().train(),
        fn,
        "epoch " + (epoch + 1) + ": " + spec.stepsPerEpoch() + " steps, resident tasks");
    workers.newStage();
  }

  /** A task that arrived within a slice, in this JVM or over the socket, else null. */
  private ResidentLink nextArrival(DriverPort port, StepWire.Liveness stage) throws IOException {
    if (local != null) {
      LocalExchange.Link link = local.next(LOCAL_SLICE_MILLIS);
      if (link != null) {
        link.driverLiveness(stage);
        return link;
      }
    }
    // on a local master the tasks join in this JVM: the socket (for a task that cannot) is only
    // polled between short waits on the in-JVM exchange
    DriverPort.Joined joined =
        port.next(local != null ? LOCAL_SLICE_MILLIS : StepWire.SLICE_MILLIS);
    if (joined == null) {
      return null;
    }
    joined.wire().liveness(stage);
    return new SocketLink(joined.wire(), joined.hello(), scratch, floats);
  }

  private void exchange(double[] params, int epoch, int step) throws IOException {
    if (floats) {
      for (int i = 0; i < params.length; i++) {
        floatWeights[i] = (float) params[i];
      }
    }
    Vec weights = floats ? new FloatVec(floatWeights) : new DoubleVec(params);
    // a blocked write has no timeout of its own: the deadline ends the links instead
    deadline.arm(workers::endLinks);
    try {
      for (int p = 0; p < partitions; p++) {
        workers.link(p).sendStep(epoch, step, weights);
      }
      // added in partition order, as the jobs engine adds its task results
      total.reset();
      for (int p = 0; p < partitions; p++) {
        workers.link(p).addSumTo(total);
      }
    } finally {
      deadline.disarm();
    }
  }

  private IllegalStateException stepTimedOut(int epoch, int step) {
    return new IllegalStateException(
        String.format(
            Locale.ROOT,
            "resident step tasks: step %d of epoch %d did not finish within %d s (%s): a task is"
                + " stuck mid-step or stopped reading; raise %s if a step legitimately takes longer",
            step + 1,
            epoch + 1,
            TimeUnit.MILLISECONDS.toSeconds(deadline.millis()),
            STEP_KEY,
            STEP_KEY));
  }

  /** Tells the tasks the epoch is done and waits for the stage to end. */
  private void finish() throws IOException {
    for (int p = 0; p < partitions; p++) {
      workers.link(p).sendEnd();
    }
    try {
      stage.finish(deadline.millis(), STEP_KEY);
    } finally {
      workers.drop();
    }
  }
}

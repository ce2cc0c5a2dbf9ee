package sparkmlp.spark.engine.barrier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.Precision;
import sparkmlp.core.linalg.DoubleVec;
import sparkmlp.core.linalg.FloatVec;
import sparkmlp.core.linalg.Vec;
import sparkmlp.core.metrics.Evaluation;
import sparkmlp.core.metrics.MetricsAccumulator;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.Validator;
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
import sparkmlp.spark.eval.BlockMetrics;

/**
 * {@code mlp.train.engine = barrier}: one Spark barrier stage for the run's steps instead of one
 * job a step. Its k tasks ({@link ResidentTask}, one per cached partition, all running at once)
 * join the driver and stay: over a socket the driver opens on its own address, or, on a local
 * master, through the in-JVM {@link LocalExchange}. A step sends the weights to every task and adds
 * each partition's sum, in partition order, into the same double total the jobs engine forms — so
 * both engines give the same weights bit for bit. Each epoch's validation is the tasks' too: each
 * holds its share of the validation blocks ({@link ResidentInput}) and hands back their
 * accumulators, which the driver merges in the order a validation job would — the same metrics bit
 * for bit. What a step no longer pays: scheduling a job and its tasks, a broadcast, task results
 * through Spark; what an epoch no longer pays: a stage's launch and end, a validation job. (Without
 * {@link #validator} asked, the stage ends with each epoch, for a validation job between two.)
 *
 * <p>A task that fails fails its stage attempt; Spark kills the others and runs the stage again
 * (barrier semantics, up to {@code spark.stage.maxConsecutiveAttempts} times; the stage feeds an
 * empty shuffle, since Spark never reruns a barrier result stage). The driver notices a closed
 * connection, or a newer attempt of the stage, and redoes the step or the validation with the new
 * attempt's tasks, at the same weights, so a retry changes nothing. Connections must prove the
 * run's random token ({@link Handshake}); joining and each step have deadlines ({@code
 * mlp.train.barrier}).
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

  /** How the tasks evaluate validation blocks, once {@link #validator} was asked; else null. */
  private BlockMetrics metrics;

  /** The epoch of the latest step, for a validation's messages. */
  private int lastEpoch;

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

  /**
   * The tasks evaluate the validation blocks themselves ({@link ResidentInput} gives each its
   * share) and stay from the first step to the run's end: no stage between two epochs, no
   * validation job.
   */
  @Override
  public Validator validator(Validator jobs, BlockMetrics metrics) {
    this.metrics = metrics;
    return spec.data().validation() == null ? jobs : this::validate;
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    exchange(epoch, () -> step(params, epoch, step), () -> stepTimedOut(epoch, step));
    if (step == spec.stepsPerEpoch() - 1 && metrics == null) {
      // a validation job follows: it needs the task slots
      try {
        finish();
      } catch (IOException e) {
        throw new UncheckedIOException("resident step tasks: " + e.getMessage(), e);
      }
    }
    return total;
  }

  /** The validation blocks' metrics at {@code params}, each task evaluating its share. */
  private Evaluation validate(double[] params) {
    List<MetricsAccumulator> parts = new ArrayList<>();
    exchange(
        lastEpoch,
        () -> {
          parts.clear();
          for (int p = 0; p < partitions; p++) {
            workers.link(p).sendEvaluate(params);
          }
          // in partition order, each task's blocks in theirs: the order an evaluation job collects
          for (int p = 0; p < partitions; p++) {
            workers.link(p).addMetricsTo(parts);
          }
        },
        () -> validationTimedOut());
    return metrics.merged(parts);
  }

  /** What a step or a validation exchanges with the joined tasks. */
  private interface Exchange {
    void run() throws IOException;
  }

  /**
   * Runs {@code exchange} with the tasks of the running stage (launched for {@code epoch} if none
   * runs), again with a newer attempt's tasks when the stage attempt fails part-way, within the
   * step deadline.
   */
  private void exchange(int epoch, Exchange exchange, Supplier<RuntimeException> timedOut) {
    try {
      if (!stage.running()) {
        launch(epoch);
      }
      while (true) {
        try {
          workers.await(port, () -> stage.check(workers));
          // a blocked write has no timeout of its own: the deadline ends the links instead
          deadline.arm(workers::endLinks);
          try {
            exchange.run();
          } finally {
            deadline.disarm();
          }
          return;
        } catch (InterruptedIOException interrupted) {
          throw interrupted;
        } catch (IOException lost) {
          if (deadline.expired()) {
            throw timedOut.get();
          }
          // the stage attempt failed (a task died or was killed, while joining or mid-step): Spark
          // runs it again, up to its own limits, and its new tasks redo the exchange at these
          // weights
          workers.drop();
          workers.raiseAttempt(stage.currentAttempt(workers));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("resident step tasks: " + e.getMessage(), e);
    }
  }

  /**
   * Barrier stages run so far: one for the run (one an epoch when the validation is not the
   * tasks').
   */
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
        "engine=barrier: "
            + (metrics == null ? "one barrier stage an epoch, " : "one barrier stage, ")
            + partitions
            + " resident tasks, sums added on the driver in partition order"
            + (metrics != null && spec.data().validation() != null
                ? ", validation in the tasks"
                : ""));
    ObjectNode links = json.putObject("resident_tasks");
    links.put("in_jvm", inJvmLinks);
    links.put("socket", socketLinks);
    json.put("links", DriverPort.linksDescription(jsc.sc().master(), jsc.getConf()));
    return json;
  }

  /** After a failed run: ends the stage still running and closes the driver's socket. */
  @Override
  public void abandon() {
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

  /**
   * After a run that ended well: tells the tasks of a stage still running (one that stays across
   * epochs) to return and waits for its end, then releases the rest as {@link #abandon} does.
   */
  @Override
  public void close() {
    if (stage.running() && workers.complete()) {
      try {
        finish();
      } catch (IOException | RuntimeException e) {
        // the tasks are cancelled instead: their steps are all done
      }
    }
    abandon();
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
    JavaRDD<DataBlock> validation = spec.data().validation();
    boolean validating = metrics != null && validation != null;
    ResidentTask fn =
        new ResidentTask(
            batches,
            port.taskHost(),
            port.port(),
            token,
            port.sealed(),
            floats,
            validating ? metrics : null);
    String steps = spec.stepsPerEpoch() + " steps an epoch";
    stage.launch(
        validating
            ? ResidentInput.of(spec.data().train(), validation)
            : ResidentInput.of(spec.data().train()),
        fn,
        metrics == null
            ? "epoch " + (epoch + 1) + ": " + steps + ", resident tasks"
            : "epochs from "
                + (epoch + 1)
                + ": "
                + steps
                + ", resident tasks"
                + (validating ? " that validate" : ""));
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
    return new SocketLink(joined.wire(), joined.hello(), scratch, floats, metrics);
  }

  private void step(double[] params, int epoch, int step) throws IOException {
    lastEpoch = epoch;
    if (floats) {
      for (int i = 0; i < params.length; i++) {
        floatWeights[i] = (float) params[i];
      }
    }
    Vec weights = floats ? new FloatVec(floatWeights) : new DoubleVec(params);
    for (int p = 0; p < partitions; p++) {
      workers.link(p).sendStep(epoch, step, weights);
    }
    // added in partition order, as the jobs engine adds its task results
    total.reset();
    for (int p = 0; p < partitions; p++) {
      workers.link(p).addSumTo(total);
    }
  }

  private IllegalStateException validationTimedOut() {
    return new IllegalStateException(
        String.format(
            Locale.ROOT,
            "resident step tasks: the validation after epoch %d did not finish within %d s (%s):"
                + " a task is stuck or stopped reading; raise %s if validating legitimately takes"
                + " longer",
            lastEpoch + 1,
            TimeUnit.MILLISECONDS.toSeconds(deadline.millis()),
            STEP_KEY,
            STEP_KEY));
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

  /** Tells the tasks their steps are done and waits for the stage to end. */
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

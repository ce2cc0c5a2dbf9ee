package sparkmlp.spark.engine.barrier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntUnaryOperator;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
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
  private static final ClassTag<Integer> INT = ClassTag$.MODULE$.apply(Integer.class);

  /** How long a connection may take from connecting to the end of its handshake. */
  private static final int HELLO_MILLIS = 30_000;

  private static final String STEP_KEY = "mlp.train.barrier.step-timeout-seconds";

  private final JavaSparkContext jsc;
  private final StepSpec spec;
  private final StepBatches batches;
  private final boolean floats;
  private final int partitions;
  private final long[] token = new long[2];
  private final Workers workers;
  private final GradientSum total;
  private final float[] floatWeights;
  private final LocalExchange local;
  private final StepDeadline deadline;

  private DriverPort port;
  private JavaFutureAction<Long> stage;
  private long stages;

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
    this.workers =
        new Workers(
            partitions,
            local,
            TimeUnit.SECONDS.toNanos(deadlines.joinTimeoutSeconds()),
            new double[numParams],
            floats);
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
    if (jsc.getConf().getBoolean("spark.dynamicAllocation.enabled", false)) {
      throw new InvalidConfigException(
          "config key 'mlp.train.engine' is barrier, which Spark cannot run with"
              + " spark.dynamicAllocation.enabled = true; use engine = jobs");
    }
    int slots = slots(jsc);
    if (slots > 0 && partitions > slots) {
      throw new InvalidConfigException(
          String.format(
              Locale.ROOT,
              "config key 'mlp.train.engine' is barrier: its %d tasks (one per partition) must run"
                  + " at once, but Spark has %d task slots; set mlp.data.partitions to at most %d"
                  + " or use engine = jobs",
              partitions,
              slots,
              slots));
    }
  }

  /**
   * Tasks Spark can run at once now, or 0 while a cluster has no executor yet (Spark itself then
   * waits for slots before it runs a barrier stage).
   */
  private static int slots(JavaSparkContext jsc) {
    SparkContext sc = jsc.sc();
    return sc.maxNumConcurrentTasks(sc.resourceProfileManager().defaultResourceProfile());
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    try {
      if (stage == null) {
        launch(epoch);
      }
      while (true) {
        try {
          workers.await(port, this::checkStage);
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
          workers.raiseAttempt(currentAttempt());
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
    return stages;
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
    links.put("in_jvm", workers.inJvmLinks());
    links.put("socket", workers.socketLinks());
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
    if (stage != null) {
      stage.cancel(true);
      stage = null;
    }
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
    RDD<Integer> resident = spec.data().train().rdd().barrier().mapPartitions(fn, false, INT);
    jsc.setJobDescription(
        "epoch " + (epoch + 1) + ": " + spec.stepsPerEpoch() + " steps, resident tasks");
    // The resident tasks feed a (empty) shuffle: Spark runs a failed barrier stage again only when
    // it is a shuffle map stage, never when it is a job's result stage.
    stage =
        JavaRDD.fromRDD(resident, INT)
            .mapToPair(i -> new Tuple2<>(i, i))
            .reduceByKey(Integer::sum, 1)
            .countAsync();
    workers.newStage();
    stages++;
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
      workers.sendStep(epoch, step, weights);
      // added in partition order, as the jobs engine adds its task results
      total.reset();
      workers.addSumsTo(total);
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
    workers.sendEnd();
    try {
      stage.get(deadline.millis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the resident stage ended", e);
    } catch (ExecutionException e) {
      throw rethrow(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          String.format(
              Locale.ROOT,
              "resident step tasks: the epoch's stage did not end within %d s of its last step"
                  + " (%s)",
              TimeUnit.MILLISECONDS.toSeconds(deadline.millis()),
              STEP_KEY),
          e);
    } finally {
      stage = null;
      workers.drop();
    }
  }

  /**
   * Throws when the stage has ended (its failure, as Spark reports it) or when Spark runs a newer
   * attempt of it than the one connected (an IOException, so the step is redone).
   */
  private void checkStage() throws IOException {
    if (stage.isDone()) {
      try {
        stage.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        throw rethrow(e);
      }
      throw new IllegalStateException("the resident stage ended before its epoch's steps");
    }
    if (workers.connected() > 0 && currentAttempt() > workers.attempt()) {
      throw new IOException("stage attempt " + workers.attempt() + " was superseded");
    }
  }

  /**
   * The newest attempt of the epoch's barrier stage (named by its tasks' hellos), -1 while unknown.
   * Only that stage counts: a rerun of a stage before it (the data's shuffle, say) is no newer
   * attempt of the resident tasks.
   */
  private int currentAttempt() {
    return currentAttempt(
        workers.barrierStage(),
        id -> {
          SparkStageInfo s = jsc.statusTracker().getStageInfo(id);
          return s == null ? -1 : s.currentAttemptId();
        });
  }

  /**
   * The current attempt of {@code barrierStage} as {@code attemptOf} (stage id to its current
   * attempt, -1 when unknown) reports it; -1 while the stage is unknown. Other stages of the job
   * are not asked.
   */
  static int currentAttempt(int barrierStage, IntUnaryOperator attemptOf) {
    return barrierStage < 0 ? -1 : attemptOf.applyAsInt(barrierStage);
  }

  private static RuntimeException rethrow(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException(cause == null ? e.getMessage() : cause.getMessage(), cause);
  }
}

package sparkmlp.spark.engine.peer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import sparkmlp.core.data.Precision;
import sparkmlp.core.optim.OptimizerState;
import sparkmlp.core.train.DivergenceException;
import sparkmlp.core.train.GradientSum;
import sparkmlp.core.train.UpdateRule;
import sparkmlp.core.train.UpdatingSource;
import sparkmlp.spark.config.BarrierSettings;
import sparkmlp.spark.config.PeerSettings;
import sparkmlp.spark.engine.StepEngine;
import sparkmlp.spark.engine.StepSpec;
import sparkmlp.spark.engine.link.DriverPort;
import sparkmlp.spark.engine.link.Handshake;
import sparkmlp.spark.engine.link.ResidentStage;
import sparkmlp.spark.engine.link.StepDeadline;
import sparkmlp.spark.engine.link.StepWire;
import sparkmlp.spark.engine.link.TaskLinks;

/**
 * {@code mlp.train.engine = peer}: one barrier stage an epoch whose k resident tasks ({@link
 * PeerTask}) synchronise with each other. Each layer's parameters are cut into k chunks ({@link
 * LayerShards}); task q owns chunk q of every layer. Each step every task sends its partition's sum
 * of each chunk to its owner as the backward pass finishes the layer; the owner adds the k
 * partitions' chunks in partition order (0 + g₀ + g₁ + …, as the other engines' drivers add whole
 * sums, so the weights are the same bit for bit), updates them with its chunks of the optimiser's
 * state, replies to the driver and sends the new chunks to every task, first layer first, while the
 * next step's forward pass starts on the layers already whole. No gradient or weight vector crosses
 * the driver a step: it sends each task a small command and reads back the partition's loss and
 * counts.
 *
 * <p>The driver keeps a copy of the weights and optimiser state ({@link DriverCopy}): set at each
 * epoch's start, refreshed every {@code mlp.train.peer.sync-steps} steps and whenever the loop
 * needs the weights (checkpoints, validation). Any failure fails the stage attempt; Spark runs it
 * again, and its new tasks start from the copy and replay the steps since — the batches are
 * deterministic, so the weights end as they would have.
 */
public final class PeerEngine implements StepEngine, UpdatingSource {
  private static final int HELLO_MILLIS = 30_000;
  private static final String STEP_KEY = "mlp.train.barrier.step-timeout-seconds";
  private static final String JOIN_KEY = "mlp.train.barrier.join-timeout-seconds";

  /** Where and how long the tasks listen for each other. */
  record Listening(boolean loopback, PeerSettings.PortRange ports, long joinMillis)
      implements java.io.Serializable {}

  private final JavaSparkContext jsc;
  private final StepSpec spec;
  private final UpdateRule rule;
  private final BarrierSettings settings;
  private final PeerSettings peer;
  private final boolean floats;
  private final int partitions;
  private final long[] token = new long[2];
  private final TaskLinks<PeerLink> tasks;
  private final ResidentStage stage;
  private final StepDeadline deadline;
  private final DriverCopy copy;
  private final double[] rates;
  private DriverPort port;
  private final sparkmlp.spark.data.StepBatches batches;
  private boolean tasksHoldCopy;
  private long gathers;
  private long loads;
  private final DriverCopy.Kept[] kept;
  private int epoch = -1;

  /** The next step of the running epoch (steps before it are done). */
  private int next;

  /** An engine for these steps, updating with {@code rule} (the loop's {@code Updater}'s). */
  public PeerEngine(
      JavaSparkContext jsc,
      StepSpec spec,
      UpdateRule rule,
      BarrierSettings settings,
      PeerSettings peer) {
    this.jsc = jsc;
    this.spec = spec;
    this.rule = rule;
    this.settings = settings;
    this.peer = peer;
    this.floats = spec.precision() == Precision.FLOAT;
    this.partitions = spec.data().partitions();
    SecureRandom random = new SecureRandom();
    token[0] = random.nextLong();
    token[1] = random.nextLong();
    this.tasks =
        new TaskLinks<>(
            partitions,
            (port, stage) -> {
              DriverPort.Joined joined = port.next(StepWire.SLICE_MILLIS);
              if (joined == null) {
                return null;
              }
              joined.wire().liveness(stage);
              return new PeerLink(joined);
            },
            TimeUnit.SECONDS.toNanos(settings.joinTimeoutSeconds()),
            JOIN_KEY,
            link -> {});
    this.stage = new ResidentStage(jsc);
    this.deadline = new StepDeadline(TimeUnit.SECONDS.toMillis(settings.stepTimeoutSeconds()));
    this.copy = new DriverCopy(LayerShards.of(spec.net(), partitions));
    this.rates = new double[spec.stepsPerEpoch()];
    this.kept = new DriverCopy.Kept[partitions];
    this.batches = spec.batches();
  }

  /** Refuses, with one line naming the key, what this engine cannot run (see the barrier's). */
  public static void checkRunnable(JavaSparkContext jsc, int partitions) {
    ResidentStage.checkRunnable(jsc, "peer", partitions);
  }

  @Override
  public GradientSum compute(double[] params, int epoch, int step) {
    throw new UnsupportedOperationException(
        "the peer engine updates the weights on its tasks: the loop calls step()");
  }

  @Override
  public void load(double[] params, OptimizerState state, int epoch, int step) {
    if (stage.running()) {
      endEpoch();
    }
    copy.set(params, state, step);
    this.epoch = epoch;
    this.next = step;
    tasksHoldCopy = false;
  }

  @Override
  public GradientSum step(int epoch, int step, double learningRate) {
    if (epoch != this.epoch || step != next) {
      throw new IllegalStateException(
          "peer engine at step " + next + " of epoch " + this.epoch + ", asked for " + step);
    }
    rates[step] = learningRate;
    Totals t = withTasks(() -> runStep(step, learningRate));
    next = step + 1;
    if (t.bad() >= 0) {
      throw new DivergenceException("a weight became " + t.badValue(), epoch, step);
    }
    if (next - copy.step() >= peer.syncSteps() && next < spec.stepsPerEpoch()) {
      gather();
    }
    return t.sum();
  }

  @Override
  public void store(double[] params, OptimizerState state) {
    if (copy.step() != next) {
      gather();
    }
    copy.copyTo(params, state);
    if (next == spec.stepsPerEpoch() && stage.running()) {
      endEpoch();
    }
  }

  /** Barrier stages run so far: one an epoch, and one for each rerun attempt. */
  @Override
  public long jobs() {
    return stage.launched();
  }

  /** The engine, why, and how its tasks share the work. */
  @Override
  public ObjectNode toJson() {
    ObjectNode json = spec.summary("peer");
    json.put(
        "reason",
        "engine=peer: one barrier stage an epoch, "
            + partitions
            + " resident tasks that reduce-scatter their sums in partition order, update their"
            + " own chunks of each layer and all-gather the weights under the next forward pass");
    json.put("slices", partitions);
    json.put("shards", "per layer");
    json.put("sync_steps", peer.syncSteps());
    json.put("gathers", gathers);
    json.put("loads", loads);
    json.put("links", DriverPort.linksDescription(jsc.sc().master(), jsc.getConf()));
    return json;
  }

  @Override
  public void abandon() {
    close();
  }

  /** Ends a stage still running and closes the driver's socket. */
  @Override
  public void close() {
    tasks.drop();
    stage.cancel();
    deadline.close();
    if (port != null) {
      port.close();
      port = null;
    }
  }

  /** One exchange with the tasks. */
  private interface Exchange<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code exchange} with the running stage attempt's tasks, after giving them the driver's
   * copy and replaying the steps since when they do not hold it (a new epoch's stage, or a new
   * attempt after a failure); a lost task means a new attempt, and the exchange is redone.
   */
  private <T> T withTasks(Exchange<T> exchange) {
    try {
      while (true) {
        try {
          if (!stage.running()) {
            launch();
          }
          tasks.await(port, () -> stage.check(tasks));
          if (!tasksHoldCopy) {
            timed(
                () -> {
                  rendezvous();
                  loads += copy.load(tasks, kept);
                  return null;
                });
            for (int s = copy.step(); s < next; s++) {
              int replayed = s;
              // its totals went to the loop when the step first ran
              timed(() -> runStep(replayed, rates[replayed]));
            }
            tasksHoldCopy = true;
          }
          return timed(exchange);
        } catch (InterruptedIOException interrupted) {
          throw interrupted;
        } catch (IOException lost) {
          if (deadline.expired()) {
            throw timedOut();
          }
          // the stage attempt failed (a task died or was killed): Spark runs it again, and its new
          // tasks start from the driver's copy
          tasks.drop();
          tasks.raiseAttempt(stage.currentAttempt(tasks));
          tasksHoldCopy = false;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("peer step tasks: " + e.getMessage(), e);
    }
  }

  /**
   * A new stage attempt's tasks: each sent its listener's address after joining; every task gets
   * all of them, connects to its peers and says so.
   */
  private void rendezvous() throws IOException {
    String[] addresses = new String[partitions];
    for (int p = 0; p < partitions; p++) {
      addresses[p] = PeerWire.readString(tasks.link(p).wire());
    }
    for (int p = 0; p < partitions; p++) {
      StepWire w = tasks.link(p).wire();
      for (String a : addresses) {
        PeerWire.writeString(w, a);
      }
      w.flush();
    }
    for (int p = 0; p < partitions; p++) {
      StepWire w = tasks.link(p).wire();
      int ready = w.readInt();
      if (ready != PeerWire.READY) {
        throw new IOException("partition " + p + " answered " + ready + " instead of ready");
      }
      kept[p] = new DriverCopy.Kept(w.readLong(), w.readLong());
    }
  }

  private <T> T timed(Exchange<T> exchange) throws IOException {
    // a blocked write has no timeout of its own: the deadline ends the links instead
    deadline.arm(tasks::endLinks);
    try {
      return exchange.run();
    } finally {
      deadline.disarm();
    }
  }

  private void launch() throws IOException {
    String master = jsc.sc().master();
    if (port == null) {
      port =
          DriverPort.open(
              master, jsc.getConf(), Handshake.key(token[0], token[1]), partitions, HELLO_MILLIS);
    }
    PeerTask task =
        new PeerTask(
            batches,
            new PeerTask.Driver(port.taskHost(), port.port(), token[0], token[1], port.sealed()),
            rule,
            floats,
            new Listening(
                DriverPort.localMaster(master),
                peer.portRange(),
                TimeUnit.SECONDS.toMillis(settings.joinTimeoutSeconds())));
    stage.launch(
        spec.data().train(),
        task,
        "epoch " + (epoch + 1) + ": " + spec.stepsPerEpoch() + " steps, peer tasks");
    tasks.newStage();
    tasksHoldCopy = false;
  }

  private Totals runStep(int step, double rate) throws IOException {
    return Totals.of(tasks, epoch, step, rate);
  }

  private void gather() {
    withTasks(
        () -> {
          copy.gather(tasks, next);
          return null;
        });
    gathers++;
  }

  /** Tells the tasks the epoch is done and waits for the stage to end. */
  private void endEpoch() {
    try {
      for (int p = 0; p < partitions; p++) {
        StepWire w = tasks.link(p).wire();
        w.writeInt(PeerWire.END);
        w.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("peer step tasks: " + e.getMessage(), e);
    }
    try {
      stage.finish(deadline.millis(), STEP_KEY);
    } finally {
      tasks.drop();
    }
  }

  private IllegalStateException timedOut() {
    return new IllegalStateException(
        String.format(
            Locale.ROOT,
            "peer step tasks: step %d of epoch %d did not finish within %d s (%s): a task is"
                + " stuck mid-step or a peer stopped reading; raise %s if a step legitimately"
                + " takes longer",
            next + 1,
            epoch + 1,
            TimeUnit.MILLISECONDS.toSeconds(deadline.millis()),
            STEP_KEY,
            STEP_KEY));
  }
}

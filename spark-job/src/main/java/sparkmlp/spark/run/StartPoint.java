package sparkmlp.spark.run;

import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.CheckpointFile;
import sparkmlp.core.train.TrainingLoop;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.store.CheckpointStore;
import sparkmlp.spark.store.ModelStore;

/**
 * Where a training run starts: from a checkpoint ({@code --resume}, the stages' checkpointDir),
 * from a trained model's weights ({@code --init-model}, initialModel), from weights given as they
 * are (the stages' initialWeights), or from fresh initial weights. A checkpoint wins over the
 * others; each carries the path actually loaded. The same decision for {@code mlp train}, {@code
 * mlp retrain} and the Spark ML stages.
 */
public sealed interface StartPoint {

  /** Fresh initial weights. */
  record Fresh() implements StartPoint {
    @Override
    public Model base() {
      return null;
    }

    @Override
    public String describe() {
      return "fresh weights";
    }

    @Override
    public TrainingState initialState(
        TrainingLoop loop, Network net, Optimizer optimizer, Initializer initializer, long seed) {
      return loop.newState(initializer.initialise(net, seed));
    }
  }

  /** The weights, normaliser and labels of a trained model. */
  record WarmStart(String path, Model model) implements StartPoint {
    @Override
    public Model base() {
      return model;
    }

    @Override
    public String describe() {
      return "the warm-start model " + path;
    }

    @Override
    public TrainingState initialState(
        TrainingLoop loop, Network net, Optimizer optimizer, Initializer initializer, long seed) {
      return loop.newState(model.params());
    }
  }

  /**
   * Weights given as they are (the stages' initialWeights), over what {@code under} (fresh or a
   * warm start) would give: its normaliser and labels stay.
   */
  record GivenWeights(double[] weights, StartPoint under) implements StartPoint {
    @Override
    public Model base() {
      return under.base();
    }

    @Override
    public String describe() {
      return "the initial weights";
    }

    @Override
    public String initModel() {
      return under.initModel();
    }

    /** Also checks that the network has as many parameters as there are weights. */
    @Override
    public void checkNetwork(Network net) {
      under.checkNetwork(net);
      if (weights.length != net.numParams()) {
        throw new InputException(
            "param initialWeights: network "
                + net
                + " needs "
                + net.numParams()
                + " weights, found "
                + weights.length);
      }
    }

    @Override
    public TrainingState initialState(
        TrainingLoop loop, Network net, Optimizer optimizer, Initializer initializer, long seed) {
      return loop.newState(weights);
    }
  }

  /**
   * The whole training state of a checkpoint, optimiser moments included.
   *
   * @param initModel the warm-start model named with the resume (the run resumed was started from
   *     it), or null
   */
  record Resume(String path, CheckpointFile.Checkpoint checkpoint, String initModel)
      implements StartPoint {
    @Override
    public Model base() {
      return checkpoint.model();
    }

    @Override
    public String describe() {
      return "the checkpoint " + path;
    }

    /** The checkpoint's state, after checking that it was written with the same optimiser. */
    @Override
    public TrainingState initialState(
        TrainingLoop loop, Network net, Optimizer optimizer, Initializer initializer, long seed) {
      TrainingState state = checkpoint.state();
      if (!TrainingRun.fits(checkpoint, optimizer)) {
        throw new InputException(
            describe()
                + " was written with optimizer "
                + checkpoint.optimizerId()
                + ", this run uses "
                + optimizer.id());
      }
      return state;
    }
  }

  /**
   * Decides the start and says so on {@code out}: with {@code --resume}, the newest readable
   * checkpoint in {@code store} (an unreadable newer one is warned about on {@code err} and
   * skipped), else the {@code --init-model}, else fresh weights.
   */
  static StartPoint decide(
      TrainOptions options,
      CheckpointStore store,
      Configuration hadoop,
      int epochs,
      PrintStream out,
      PrintStream err) {
    if (options.resume()) {
      CheckpointStore.Loaded loaded = store.newest(w -> err.println("warning: " + w));
      options.fence().check(); // removing temporaries is a write too
      int stale = store.removeStaleTemporaries();
      if (stale > 0) {
        out.println("removed " + stale + " unfinished checkpoint write(s) of an interrupted run");
      }
      if (loaded != null) {
        TrainingState state = loaded.checkpoint().state();
        if (state.finished(epochs)) {
          out.println(
              "resuming from " + loaded.path() + ": training had finished; writing the model");
        } else {
          out.println(
              "resuming from "
                  + loaded.path()
                  + " (epoch "
                  + (state.epoch + 1)
                  + ", step "
                  + (state.step + 1)
                  + ")");
        }
        return new Resume(loaded.path(), loaded.checkpoint(), options.initModel());
      }
      out.println("no checkpoint in " + store.dir() + "; starting from the beginning");
    }
    if (options.initModel() != null) {
      return new WarmStart(options.initModel(), ModelStore.load(hadoop, options.initModel()));
    }
    return new Fresh();
  }

  /**
   * The same start with {@code weights} (null for none) as the initial weights: a checkpoint still
   * wins, since it carries the whole training state.
   */
  default StartPoint withWeights(double[] weights) {
    return weights == null || this instanceof Resume ? this : new GivenWeights(weights, this);
  }

  /** The model the run continues, or null for a fresh start. */
  Model base();

  /** What the base is called in messages. */
  String describe();

  /** The warm-start model's path for the summary, or null. */
  default String initModel() {
    return this instanceof WarmStart w ? w.path() : null;
  }

  /** Refuses a base of another task than {@code task}. */
  default void checkTask(Task task) {
    Model base = base();
    if (base != null && base.task() != task) {
      throw new InputException(
          describe() + " is a " + base.task().id() + " model, this run trains " + task.id());
    }
  }

  /** Refuses a base with another network than {@code net}. */
  default void checkNetwork(Network net) {
    Model base = base();
    if (base != null && !base.network().equals(net)) {
      throw new InputException(
          describe() + " has network " + base.network() + ", this run builds " + net);
    }
  }

  /** The state training starts from. */
  TrainingState initialState(
      TrainingLoop loop, Network net, Optimizer optimizer, Initializer initializer, long seed);
}

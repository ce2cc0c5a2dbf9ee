package sparkmlp.spark.run;

import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.optim.Optimizer;
import sparkmlp.core.train.CheckpointFile;
import sparkmlp.core.train.TrainingLoop;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.store.CheckpointStore;
import sparkmlp.spark.store.ModelStore;

/**
 * Where a training run starts: from a checkpoint ({@code --resume}), from a trained model's weights
 * ({@code --init-model}), or from fresh initial weights. A checkpoint wins over a warm start; each
 * carries the path actually loaded.
 */
sealed interface StartPoint {

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

  /** The whole training state of a checkpoint, optimiser moments included. */
  record Resume(String path, CheckpointFile.Checkpoint checkpoint) implements StartPoint {
    @Override
    public Model base() {
      return checkpoint.model();
    }

    @Override
    public String describe() {
      return "the checkpoint";
    }

    /** The checkpoint's state, after checking that it was written with the same optimiser. */
    @Override
    public TrainingState initialState(
        TrainingLoop loop, Network net, Optimizer optimizer, Initializer initializer, long seed) {
      TrainingState state = checkpoint.state();
      if (!TrainingRun.fits(checkpoint, optimizer)) {
        throw new InputException(
            "the checkpoint was written with optimizer "
                + checkpoint.optimizerId()
                + ", the config uses "
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
        return new Resume(loaded.path(), loaded.checkpoint());
      }
      out.println("no checkpoint in " + store.dir() + "; starting from the beginning");
    }
    if (options.initModel() != null) {
      return new WarmStart(options.initModel(), ModelStore.load(hadoop, options.initModel()));
    }
    return new Fresh();
  }

  /** The model the run continues, or null for a fresh start. */
  Model base();

  /** What the base is called in messages. */
  String describe();

  /** The state training starts from. */
  TrainingState initialState(
      TrainingLoop loop, Network net, Optimizer optimizer, Initializer initializer, long seed);
}

package sparkmlp.core.train;

import sparkmlp.core.layer.Network;
import sparkmlp.core.metrics.Evaluation;

/**
 * The synchronous mini-batch loop, identical for one process and for a cluster: for each step, get
 * the summed gradient of the global batch, update once, and at each epoch's end validate, record
 * history and apply early stopping. Resumes from any {@link TrainingState}.
 */
public final class TrainingLoop {
  private final Network net;
  private final TrainingConfig config;
  private final long numExamples;
  private final Updater updater;

  /** A loop over {@code numExamples} training examples. */
  public TrainingLoop(Network net, TrainingConfig config, long numExamples) {
    if (numExamples < 1) {
      throw new IllegalArgumentException(
          "training needs at least one example, found " + numExamples);
    }
    this.net = net;
    this.config = config;
    this.numExamples = numExamples;
    this.updater = new Updater(net, config, config.runLength(numExamples));
  }

  /** Steps in each epoch. */
  public int stepsPerEpoch() {
    return config.runLength(numExamples).stepsPerEpoch();
  }

  /** A fresh state at these initial weights. */
  public TrainingState newState(double[] initialParams) {
    if (initialParams.length != net.numParams()) {
      throw new IllegalArgumentException(
          "expected " + net.numParams() + " initial parameters, found " + initialParams.length);
    }
    return new TrainingState(initialParams.clone(), config.optimizer().newState(net.numParams()));
  }

  /**
   * Runs until the configured epochs are done or early stopping ends the run, with step gradients
   * from {@code source} and each epoch's validation from {@code validator}; returns the same state.
   */
  public TrainingState run(
      TrainingState state, GradientSource source, Validator validator, TrainingListener listener) {
    int steps = stepsPerEpoch();
    EarlyStopping early = config.earlyStopping();
    UpdatingSource updating = source instanceof UpdatingSource u ? u : null;
    while (!state.finished(config.epochs())) {
      int epoch = state.epoch;
      if (updating != null) {
        // each epoch starts from the loop's state: resumed, or the best epoch's weights restored
        updating.load(state.params, state.optimizer, epoch, state.step);
      }
      long started = System.nanoTime();
      while (state.step < steps) {
        GradientSum g = step(state, source, epoch);
        state.epochLossSum += g.lossSum();
        state.epochCount += g.count();
        state.epochWeight += g.weight();
        state.step++;
        if (state.step < steps) {
          state.epochSeconds += (System.nanoTime() - started) / 1e9;
          started = System.nanoTime();
          if (updating != null && listener.readsWeightsOnStep(state, steps)) {
            updating.store(state.params, state.optimizer);
          }
          listener.onStep(state, steps);
        }
      }
      if (updating != null) {
        updating.store(state.params, state.optimizer);
      }
      long validating = System.nanoTime();
      Evaluation val = validator.validate(state.params);
      long validated = System.nanoTime();
      state.epochSeconds += (validated - started) / 1e9;
      EpochMetrics m = endEpoch(state, val, steps, (validated - validating) / 1e9);
      if (early != null) {
        applyEarlyStopping(early, state, m);
      }
      listener.onEpoch(state, m);
    }
    return state;
  }

  /**
   * One step's totals, the update applied: here from the summed gradient, or by the source itself
   * when it keeps the weights ({@link UpdatingSource}).
   */
  private GradientSum step(TrainingState state, GradientSource source, int epoch) {
    if (source instanceof UpdatingSource u) {
      GradientSum g = u.step(epoch, state.step, updater.learningRate(epoch, state.step));
      checkLoss(g, epoch, state.step);
      return g;
    }
    GradientSum g = source.compute(state.params, epoch, state.step);
    checkLoss(g, epoch, state.step);
    // A step whose examples all weigh 0 has nothing to learn from: no update.
    if (g.weight() > 0) {
      updater.apply(state.params, g.grad(), g.weight(), state.optimizer, epoch, state.step);
    }
    return g;
  }

  private static void checkLoss(GradientSum g, int epoch, int step) {
    if (!Double.isFinite(g.lossSum())) {
      throw new DivergenceException("the loss is " + g.lossSum(), epoch, step);
    }
  }

  /** The updater of this loop's run: the sharded sources use its rule and rates. */
  public Updater updater() {
    return updater;
  }

  /** The finished epoch's metrics, added to the history; the epoch's sums start again. */
  private EpochMetrics endEpoch(TrainingState state, Evaluation val, int steps, double valSeconds) {
    int epoch = state.epoch;
    EpochMetrics m =
        new EpochMetrics(
            epoch + 1,
            state.epochLossSum / state.epochWeight,
            val == null ? Double.NaN : val.loss(),
            val == null ? Double.NaN : val.accuracy(),
            // the rate of the epoch's last step (per-epoch schedules: the epoch's rate)
            updater.learningRate(epoch, steps - 1),
            state.epochCount,
            state.epochSeconds,
            valSeconds);
    state.history.add(m);
    state.epoch++;
    state.step = 0;
    state.epochLossSum = 0;
    state.epochCount = 0;
    state.epochWeight = 0;
    state.epochSeconds = 0;
    return m;
  }

  /** Keeps the best epoch (and its weights) and stops the run when patience runs out. */
  private static void applyEarlyStopping(EarlyStopping early, TrainingState state, EpochMetrics m) {
    double v = early.monitor().valueIn(m);
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException(
          "early stopping monitors "
              + early.monitor().id()
              + ", which needs validation data; set a validation path or split");
    }
    if (early.improves(v, state.bestValue)) {
      state.bestValue = v;
      state.bestEpoch = m.epoch();
      state.wait = 0;
      if (early.restoreBest()) {
        state.bestParams = state.params.clone();
      }
    } else if (++state.wait >= early.patience()) {
      state.stopped = true;
      if (early.restoreBest() && state.bestParams != null) {
        state.params = state.bestParams.clone();
      }
    }
  }
}

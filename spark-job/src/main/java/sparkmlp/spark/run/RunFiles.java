package sparkmlp.spark.run;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import sparkmlp.core.model.Model;
import sparkmlp.core.train.CheckpointFile;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.config.CheckpointSettings;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.report.HistoryChart;
import sparkmlp.spark.store.CheckpointStore;

/**
 * The files a run writes as it goes: checkpoints when the settings say so (and after the last
 * epoch), {@code metrics.jsonl} (one JSON line an epoch) after every epoch, and {@code history.png}
 * when the run ends and, while it goes on, after an epoch at least {@link #CHART_EVERY_SECONDS}
 * after the chart was last drawn (or the run started); each atomically and each after the run's
 * {@link WriteFence}.
 */
final class RunFiles implements TrainingListener {
  private final Configuration hadoop;
  private final String outDir;
  private final CheckpointStore store;
  private final Model skeleton;
  private final String optimizerId;
  private final CheckpointSettings settings;
  private final int steps;
  private final int epochs;
  private final WriteFence fence;

  /**
   * Least seconds between two drawings of {@code history.png} during a run. Drawing it takes 15–25
   * ms of the driver, and the JIT compiling the drawing code slowed the next epoch's first steps
   * two-fold: on Fashion-MNIST (local[2], epochs of ~0.45 s) a chart every epoch cost ~8% of the
   * training time. A run of epochs this short finishes in seconds and gets its chart at the end; a
   * long one still sees it redrawn (TensorBoard's event writers flush every 120 s).
   */
  static final int CHART_EVERY_SECONDS = 30;

  private long chartDrawn = System.nanoTime();

  /**
   * What a run's checkpoints need: where they go, how often, the optimiser they record, and the
   * run's length.
   *
   * @param stepsPerEpoch optimiser steps per epoch
   * @param epochs epochs the run trains for
   */
  record Checkpoints(
      CheckpointStore store,
      CheckpointSettings settings,
      String optimizerId,
      int stepsPerEpoch,
      int epochs) {}

  /**
   * @param skeleton the model checkpoints are written with (its weights are the state's)
   * @param fence checked before each write
   */
  RunFiles(
      Configuration hadoop,
      String outDir,
      Model skeleton,
      Checkpoints checkpoints,
      WriteFence fence) {
    this.hadoop = hadoop;
    this.outDir = outDir;
    this.store = checkpoints.store();
    this.skeleton = skeleton;
    this.optimizerId = checkpoints.optimizerId();
    this.settings = checkpoints.settings();
    this.steps = checkpoints.stepsPerEpoch();
    this.epochs = checkpoints.epochs();
    this.fence = fence;
  }

  @Override
  public boolean readsWeightsOnStep(TrainingState s, int stepsPerEpoch) {
    long done = (long) s.epoch * steps + s.step;
    return settings.everySteps() > 0 && done % settings.everySteps() == 0;
  }

  @Override
  public void onStep(TrainingState s, int stepsPerEpoch) {
    if (readsWeightsOnStep(s, stepsPerEpoch)) {
      fence.check();
      store.save(skeleton, optimizerId, s);
    }
  }

  @Override
  public void onEpoch(TrainingState s, EpochMetrics m) {
    boolean byEpoch = settings.everyEpochs() > 0 && s.epoch % settings.everyEpochs() == 0;
    boolean bySteps =
        settings.everySteps() > 0 && ((long) s.epoch * steps) % settings.everySteps() == 0;
    if (byEpoch || bySteps || s.finished(epochs)) {
      fence.check();
      store.save(skeleton, optimizerId, s);
    }
    writeMetrics(s.history);
    if (System.nanoTime() - chartDrawn >= TimeUnit.SECONDS.toNanos(CHART_EVERY_SECONDS)) {
      drawChart(s.history);
    }
  }

  /** Writes {@code metrics.jsonl} and {@code history.png} for the epochs so far (a run's end). */
  void writeHistory(List<EpochMetrics> history) {
    writeMetrics(history);
    drawChart(history);
  }

  private void writeMetrics(List<EpochMetrics> history) {
    StringBuilder lines = new StringBuilder();
    history.forEach(m -> lines.append(CheckpointFile.epochJson(m)).append('\n'));
    fence.check();
    AtomicFiles.writeString(hadoop, outDir + "/metrics.jsonl", lines.toString());
  }

  private void drawChart(List<EpochMetrics> history) {
    fence.check();
    AtomicFiles.write(hadoop, outDir + "/history.png", o -> o.write(HistoryChart.png(history)));
    chartDrawn = System.nanoTime();
  }
}

package sparkmlp.spark.run;

import java.util.List;
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
 * epoch), and after every epoch {@code metrics.jsonl} (one JSON line an epoch) and {@code
 * history.png}, each atomically and each after the run's {@link WriteFence}.
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
    writeHistory(s.history);
  }

  /** Writes {@code metrics.jsonl} and {@code history.png} for the epochs so far. */
  void writeHistory(List<EpochMetrics> history) {
    StringBuilder lines = new StringBuilder();
    history.forEach(m -> lines.append(CheckpointFile.epochJson(m)).append('\n'));
    fence.check();
    AtomicFiles.writeString(hadoop, outDir + "/metrics.jsonl", lines.toString());
    AtomicFiles.write(hadoop, outDir + "/history.png", o -> o.write(HistoryChart.png(history)));
  }
}

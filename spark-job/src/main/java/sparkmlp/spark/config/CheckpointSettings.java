package sparkmlp.spark.config;

/**
 * Resumable checkpoints ({@code mlp.train.checkpoint}).
 *
 * @param everyEpochs save after every this many epochs; 0 turns epoch checkpoints off
 * @param everySteps also save after every this many steps; 0 turns step checkpoints off
 * @param keep how many recent checkpoints to keep, at least 1
 * @param dir checkpoint folder; {@code null} means {@code <output.dir>/checkpoints}
 */
public record CheckpointSettings(int everyEpochs, int everySteps, int keep, String dir) {}

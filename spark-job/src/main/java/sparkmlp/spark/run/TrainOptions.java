package sparkmlp.spark.run;

import java.util.Objects;

/**
 * Command-line choices of a training run beyond its config.
 *
 * @param resume continue from the newest checkpoint when there is one
 * @param initModel path of a model to warm-start from, or null
 * @param progressBar whether to draw the in-epoch progress bar
 * @param fence checked before every file the run writes ({@link WriteFence#NONE} for none)
 */
public record TrainOptions(
    boolean resume, String initModel, boolean progressBar, WriteFence fence) {
  public TrainOptions {
    Objects.requireNonNull(fence, "fence");
  }

  /** The same without a write fence, as {@code mlp train} runs. */
  public TrainOptions(boolean resume, String initModel, boolean progressBar) {
    this(resume, initModel, progressBar, WriteFence.NONE);
  }
}

package sparkmlp.spark.run;

/**
 * Command-line choices of a training run beyond its config.
 *
 * @param resume continue from the newest checkpoint when there is one
 * @param initModel path of a model to warm-start from, or null
 * @param progressBar whether to draw the in-epoch progress bar
 */
public record TrainOptions(boolean resume, String initModel, boolean progressBar) {}

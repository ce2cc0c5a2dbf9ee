package sparkmlp.spark.config;

/**
 * Where the trained model goes ({@code mlp.output}).
 *
 * @param dir path or URI of the model output folder; {@code null} when unset ({@code train}
 *     requires it)
 */
public record OutputSettings(String dir) {}

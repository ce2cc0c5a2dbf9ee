package sparkmlp.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;

/**
 * Everything a training job was told, validated: one immutable value per concern under the HOCON
 * root {@code mlp}. Build it with {@link ConfigLoader}; {@link #render()} gives it back as HOCON,
 * which {@link ConfigLoader#fromConfig} reads into an equal value.
 *
 * @param data {@code mlp.data}: inputs and their columns
 * @param model {@code mlp.model}: the network
 * @param train {@code mlp.train}: epochs, batches, optimiser, schedule, early stopping, checkpoints
 * @param output {@code mlp.output}: where the model goes
 * @param spark {@code mlp.spark}: the Spark session
 * @param log {@code mlp.log}: console output
 * @param registry {@code mlp.registry}: the model registry and retrain's checks and gate
 */
public record JobConfig(
    DataSettings data,
    ModelSettings model,
    TrainSettings train,
    OutputSettings output,
    SparkSettings spark,
    LogSettings log,
    RegistrySettings registry) {

  /** This configuration as a Typesafe {@link Config} with every key under {@code mlp} set. */
  public Config toConfig() {
    return ConfigEncoder.encode(this);
  }

  /**
   * The fully resolved configuration as formatted HOCON (keys sorted, no comments), e.g. for the
   * training summary.
   */
  public String render() {
    return toConfig()
        .root()
        .render(
            ConfigRenderOptions.defaults()
                .setOriginComments(false)
                .setComments(false)
                .setJson(false)
                .setFormatted(true));
  }
}

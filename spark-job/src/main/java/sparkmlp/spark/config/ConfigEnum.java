package sparkmlp.spark.config;

/**
 * An enumerated setting: each constant knows the exact word users write for it in a config file.
 */
public interface ConfigEnum {

  /** The value as written in HOCON, e.g. {@code glorot-uniform} or {@code val_loss}. */
  String configName();
}

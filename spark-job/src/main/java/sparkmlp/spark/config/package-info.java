/**
 * HOCON configuration of a training job: {@link sparkmlp.spark.config.ConfigLoader} merges the
 * user's file and {@code --set key=value} overrides over {@code reference.conf} (which documents
 * every key under the root {@code mlp}) and returns a validated, immutable {@link
 * sparkmlp.spark.config.JobConfig}; every mistake becomes a one-line {@link
 * sparkmlp.spark.config.InvalidConfigException} that names the key.
 */
package sparkmlp.spark.config;

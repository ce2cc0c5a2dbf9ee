/**
 * The model registry and scheduled retraining: a registry folder on any Hadoop file system ({@link
 * sparkmlp.spark.registry.Registry}: versions, an append-only history, an atomically replaced
 * champion pointer; docs/registry.md), exclusive run locks with a heartbeat and a stale-lock rule
 * ({@link sparkmlp.spark.registry.RunLock}), the data checks before training ({@link
 * sparkmlp.spark.registry.DataChecks}), and the run itself ({@link
 * sparkmlp.spark.registry.RetrainJob}) with its promotion rule ({@link
 * sparkmlp.spark.registry.Gate}).
 */
package sparkmlp.spark.registry;

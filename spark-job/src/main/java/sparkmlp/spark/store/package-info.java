/**
 * Where trained models and resumable checkpoints live on any Hadoop file system: {@link
 * sparkmlp.spark.store.ModelStore} (an output folder's {@code model.mlp}) and {@link
 * sparkmlp.spark.store.CheckpointStore} (numbered checkpoints, the newest few kept). Every write is
 * atomic.
 */
package sparkmlp.spark.store;

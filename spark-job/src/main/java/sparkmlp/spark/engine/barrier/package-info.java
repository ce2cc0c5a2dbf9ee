/**
 * The {@code barrier} engine: one barrier stage an epoch whose tasks, one per partition, stay for
 * the epoch's steps and exchange the weights and their sums with the driver over a socket (or, on a
 * local master, an in-JVM exchange). Internal to the engine except {@link
 * sparkmlp.spark.engine.barrier.BarrierEngine}.
 */
package sparkmlp.spark.engine.barrier;

/**
 * The {@code barrier} engine: one barrier stage for the run whose tasks, one per partition, stay
 * for its steps and exchange the weights and their sums with the driver over a socket (or, on a
 * local master, an in-JVM exchange), and validate their share of the validation blocks at each
 * epoch's end. Internal to the engine except {@link sparkmlp.spark.engine.barrier.BarrierEngine}.
 */
package sparkmlp.spark.engine.barrier;

/**
 * Step engines: how Spark runs a training step. {@link sparkmlp.spark.engine.StepEngine} is what
 * every engine gives a run; {@link sparkmlp.spark.engine.StepSpec} what it computes. Each Spark
 * engine lives in its own sub-package ({@code jobs}: one Spark job a step; {@code barrier}:
 * resident barrier tasks an epoch); this package holds what they share, the engine that steps in
 * the driver ({@link sparkmlp.spark.engine.DriverEngine}) and the failures tests ask for ({@link
 * sparkmlp.spark.engine.FaultInjection}).
 */
package sparkmlp.spark.engine;

/**
 * Step engines: how Spark runs a training step. Each engine lives in its own sub-package ({@code
 * jobs}: one Spark job a step; {@code barrier}: resident barrier tasks an epoch); this package
 * holds what they share.
 */
package sparkmlp.spark.engine;

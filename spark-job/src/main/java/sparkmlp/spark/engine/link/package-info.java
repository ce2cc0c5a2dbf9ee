/**
 * The transport shared by the engines whose tasks stay resident for an epoch ({@code barrier},
 * {@code peer}): framed little-endian wires ({@link sparkmlp.spark.engine.link.StepWire}) that give
 * up when their liveness check says so, mutual HMAC challenge–response on every connection ({@link
 * sparkmlp.spark.engine.link.Handshake}), AES-GCM sealing when the cluster asks Spark to encrypt
 * ({@link sparkmlp.spark.engine.link.SealedStreams}), the driver's port with its accept and
 * handshake threads ({@link sparkmlp.spark.engine.link.DriverPort}), the tasks of a stage attempt
 * as they join ({@link sparkmlp.spark.engine.link.TaskLinks}) and the deadline of one exchange
 * ({@link sparkmlp.spark.engine.link.StepDeadline}).
 */
package sparkmlp.spark.engine.link;

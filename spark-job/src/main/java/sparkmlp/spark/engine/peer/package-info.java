/**
 * {@code mlp.train.engine = peer}: resident tasks that synchronise with each other. Each step the
 * tasks reduce-scatter their partitions' gradient sums (owner q of chunk q of each layer, {@link
 * sparkmlp.spark.engine.peer.LayerShards}, adds the k partitions' chunks in partition order, as the
 * driver of the other engines adds whole sums), update their own chunks of the weights and of the
 * optimiser's state, and all-gather the weights under the next step's forward pass; the driver
 * sends a step command and receives the step's loss and counts. {@link
 * sparkmlp.spark.engine.peer.PeerEngine} is the driver's side, {@link
 * sparkmlp.spark.engine.peer.PeerTask} a task's, {@link sparkmlp.spark.engine.peer.PeerMesh} the
 * links between tasks and {@link sparkmlp.spark.engine.peer.StepExchange} one step's exchange on
 * them, each chunk sent as soon as the backward pass has finished its layer. {@link
 * sparkmlp.spark.engine.peer.KeptShards} holds a task's state in its executor from one epoch's
 * stage to the next, so the driver sends the weights only to tasks that lack it.
 */
package sparkmlp.spark.engine.peer;

/**
 * The {@link sparkmlp.core.task.Task} a network is trained for (multiclass, binary, multilabel,
 * regression): the shared vocabulary that fixes the output activation, the loss and how targets are
 * encoded. Data, metrics, training and the model all depend on it; it depends only on activations
 * and losses.
 */
package sparkmlp.core.task;

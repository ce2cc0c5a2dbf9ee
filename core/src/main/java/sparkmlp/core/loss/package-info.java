/**
 * Losses on the output layer, computed from logits where that is what keeps them finite, with fused
 * gradients.
 */
package sparkmlp.core.loss;

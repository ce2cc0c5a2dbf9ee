/**
 * Optimisers as stateless configuration ({@link sparkmlp.core.optim.Optimizer}) with their mutable,
 * checkpointable {@link sparkmlp.core.optim.OptimizerState}, and learning-rate schedules.
 */
package sparkmlp.core.optim;

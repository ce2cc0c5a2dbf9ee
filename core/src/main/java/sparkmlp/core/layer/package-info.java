/**
 * Network topology over one flat parameter vector: {@link sparkmlp.core.layer.Dense} layers, the
 * {@link sparkmlp.core.layer.Network} that runs forward and backward passes over whole mini-batches
 * with BLAS, the caller-owned {@link sparkmlp.core.layer.Workspace}, and the numerical {@link
 * sparkmlp.core.layer.GradientCheck}.
 */
package sparkmlp.core.layer;

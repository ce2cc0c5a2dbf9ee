/**
 * The only place that touches Breeze and netlib: a {@link sparkmlp.core.linalg.Matrix} facade over
 * Breeze's column-major {@code DenseMatrix} storage and the {@link sparkmlp.core.linalg.Blas} entry
 * point that calls {@code dgemm} on backing arrays with explicit offsets, as Spark's own ANN code
 * does.
 */
package sparkmlp.core.linalg;

/**
 * The only place that touches Breeze and netlib: {@link sparkmlp.core.linalg.Matrix}, a Breeze
 * {@code DenseMatrix} view into an array from an offset (layer weights in the flat parameter
 * vector, batch blocks in a workspace) with the one GEMM helper that calls BLAS on the views'
 * backing arrays, as Spark's {@code BreezeUtil.dgemm} does; and the {@link
 * sparkmlp.core.linalg.Blas} entry point that reports which BLAS runs. {@link
 * sparkmlp.core.linalg.Vec} ({@code DoubleVec} or {@code FloatVec}) is a buffer whose precision is
 * its type, for code that holds double or float blocks alike.
 */
package sparkmlp.core.linalg;

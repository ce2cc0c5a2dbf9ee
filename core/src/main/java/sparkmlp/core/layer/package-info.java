/**
 * Network topology over one flat parameter vector, after Spark's {@code ml.ann}: the {@link
 * sparkmlp.core.layer.Layer}s a user writes ({@link sparkmlp.core.layer.Dense}, {@link
 * sparkmlp.core.layer.Dropout}), the stateless layer models a pass makes over Breeze views of their
 * weights (dense, activation, dropout; each with eval, computePrevDelta and grad; the element-wise
 * ones also on a range of columns, so a pass takes them and the bias gradient through the batch in
 * cache-sized blocks), the training pass's fused softmax cross-entropy, the {@link
 * sparkmlp.core.layer.Network} that chains them over whole mini-batches, the caller-owned {@link
 * sparkmlp.core.layer.Workspace}, and the {@link sparkmlp.core.layer.DropoutKey} that makes dropout
 * masks independent of partitioning. (The numerical gradient check is test code: {@code
 * GradientCheck} in core's test-jar.)
 */
package sparkmlp.core.layer;

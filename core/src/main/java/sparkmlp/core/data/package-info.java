/**
 * In-memory examples as column-major {@link sparkmlp.core.data.DataBlock}s, the
 * partition-independent rule that decides which examples form mini-batch t of epoch e ({@link
 * sparkmlp.core.data.EpochPermutation}, {@link sparkmlp.core.data.BatchPlan}), feature statistics
 * and normalisation, label encoding, and the batch views a pass reads ({@link
 * sparkmlp.core.data.BatchView}, {@link sparkmlp.core.data.FloatBatchView}).
 */
package sparkmlp.core.data;

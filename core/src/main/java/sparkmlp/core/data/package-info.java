/**
 * In-memory examples as column-major {@link sparkmlp.core.data.DataBlock}s, the
 * partition-independent rule that decides which examples form mini-batch t of epoch e ({@link
 * sparkmlp.core.data.EpochPermutation}, {@link sparkmlp.core.data.BatchPlan}), feature statistics
 * and normalisation, and label encoding.
 */
package sparkmlp.core.data;

/**
 * Training: the {@link sparkmlp.core.train.TrainingLoop} shared by the single-process {@link
 * sparkmlp.core.train.Trainer} and the Spark driver (they differ only in where step gradients come
 * from: a {@link sparkmlp.core.train.GradientSource}; each epoch's validation comes from a {@link
 * sparkmlp.core.train.Validator}), the per-step {@link sparkmlp.core.train.Updater}, early
 * stopping, history, and the checkpointable {@link sparkmlp.core.train.TrainingState}.
 */
package sparkmlp.core.train;

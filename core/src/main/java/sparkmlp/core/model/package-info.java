/**
 * The trained {@link sparkmlp.core.model.Model} (immutable: network, weights, normalisation,
 * labels, provenance) and its file ({@link sparkmlp.core.model.ModelFile}, a {@link
 * sparkmlp.core.format.Container} of kind "model"; see docs/model-format.md). Nothing here is
 * stored with Java serialisation; {@code Model} is {@code Serializable} only for Spark's task
 * closures.
 */
package sparkmlp.core.model;

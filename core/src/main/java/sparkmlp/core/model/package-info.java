/**
 * The trained {@link sparkmlp.core.model.Model} (immutable: network, weights, normalisation, labels,
 * provenance), its {@link sparkmlp.core.model.Task}, and the documented binary container behind model and
 * checkpoint files ({@link sparkmlp.core.model.ModelFile}, {@link sparkmlp.core.model.Container}); see
 * docs/model-format.md. No Java serialisation anywhere.
 */
package sparkmlp.core.model;

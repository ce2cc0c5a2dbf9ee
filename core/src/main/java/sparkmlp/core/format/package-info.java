/**
 * The binary {@link sparkmlp.core.format.Container} behind model and checkpoint files (magic,
 * version, JSON header, little-endian doubles, CRC-32; docs/model-format.md). It knows nothing of
 * models or training, so both {@code model} and {@code train} build on it. {@link
 * sparkmlp.core.format.Ids}: the ids enums go by in configs, files and messages.
 */
package sparkmlp.core.format;

package sparkmlp.core.data;

import java.util.Locale;
import sparkmlp.core.format.Ids;

/**
 * Double or single precision, wherever the choice arises: how a cached {@link DataBlock} stores its
 * features ({@code mlp.data.storage}), the arithmetic of a training step ({@code
 * mlp.train.precision}: with {@code float}, float weights and inputs through {@code sgemm}, while
 * the sums across blocks, the master weights and the optimiser state stay in double, as in mixed
 * precision on GPUs), and the element type of an exported ONNX graph ({@code mlp export
 * --precision}).
 */
public enum Precision {
  DOUBLE,
  FLOAT;

  /** The name used in configs and on the command line: {@code double} or {@code float}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The precision named {@code id} (any case, surrounding blanks ignored). */
  public static Precision fromId(String id) {
    Precision p = Ids.find(values(), Precision::id, id);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown precision '" + id + "'; expected " + Ids.alternatives(values(), Precision::id));
    }
    return p;
  }
}

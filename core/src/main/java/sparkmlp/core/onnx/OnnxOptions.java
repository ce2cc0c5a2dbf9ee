package sparkmlp.core.onnx;

import java.util.Objects;
import sparkmlp.core.data.Precision;

/**
 * How a model is exported.
 *
 * @param precision the element type of the input, the weights and the outputs: {@code float}
 *     ({@code tensor(float)}, what most serving stacks expect) or {@code double} ({@code
 *     tensor(double)}, the same arithmetic as {@code Model.predict})
 * @param foldNormalization true to fold the input normalisation into the first layer's weights (one
 *     Gemm fewer), false to keep it as explicit {@code Sub} and {@code Mul} nodes
 */
public record OnnxOptions(Precision precision, boolean foldNormalization) {

  public OnnxOptions {
    Objects.requireNonNull(precision, "precision");
  }

  /** float32 with explicit normalisation nodes. */
  public static OnnxOptions defaults() {
    return new OnnxOptions(Precision.FLOAT, false);
  }

  public OnnxOptions withPrecision(Precision p) {
    return new OnnxOptions(p, foldNormalization);
  }
}

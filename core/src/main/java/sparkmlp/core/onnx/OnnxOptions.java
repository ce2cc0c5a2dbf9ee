package sparkmlp.core.onnx;

import java.util.Locale;
import java.util.Objects;

/**
 * How a model is exported.
 *
 * @param precision the element type of the input, the weights and the outputs
 * @param foldNormalization true to fold the input normalisation into the first layer's weights (one
 *     Gemm fewer), false to keep it as explicit {@code Sub} and {@code Mul} nodes
 */
public record OnnxOptions(Precision precision, boolean foldNormalization) {

  /** Element type of the exported graph. */
  public enum Precision {
    /** 32-bit floats ({@code tensor(float)}), what most serving stacks expect. */
    FLOAT(1),
    /** 64-bit floats ({@code tensor(double)}), the same arithmetic as {@code Model.predict}. */
    DOUBLE(11);

    private final int onnxType;

    Precision(int onnxType) {
      this.onnxType = onnxType;
    }

    /** The {@code TensorProto.DataType} number. */
    int onnxType() {
      return onnxType;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code float} or {@code double}. */
    public static Precision fromId(String id) {
      for (Precision p : values()) {
        if (p.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "unknown precision '" + id + "'; expected float or double");
    }
  }

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

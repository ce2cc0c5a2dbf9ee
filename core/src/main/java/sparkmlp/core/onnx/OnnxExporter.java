package sparkmlp.core.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.Precision;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Network;
import sparkmlp.core.model.Model;
import sparkmlp.core.onnx.OnnxGraph.IntAttribute;
import sparkmlp.core.task.Task;

/**
 * Writes a {@link Model} as an ONNX model (IR version 8, opset 17) that computes what {@link
 * Model#predict} and {@link Model#classOf} compute.
 *
 * <p>Input {@code features} is {@code [N, n_features]}, N dynamic. Outputs: {@code probabilities}
 * {@code [N, k]} and {@code label} for classifiers ({@code int64 [N]}, the class index into the
 * {@code class_names} metadata; binary models give {@code [1 − p, p]} as probabilities and label 1
 * when p ≥ 0.5, as {@code Model.classOf}), {@code probabilities} and {@code label} ({@code int64
 * [N, k]}, 1 where p ≥ 0.5) for multilabel, {@code predictions} {@code [N, k]} for regression.
 */
public final class OnnxExporter {
  /** The default operator set: supported by ONNX Runtime 1.14 and later. */
  public static final int OPSET = 17;

  /** The IR version that goes with opset 17. */
  public static final int IR_VERSION = 8;

  public static final String PRODUCER = "sparkmlp";

  public static final String INPUT = "features";

  // ModelProto, OperatorSetIdProto, StringStringEntryProto (onnx.proto)
  private static final int MODEL_IR_VERSION = 1;
  private static final int MODEL_PRODUCER_NAME = 2;
  private static final int MODEL_PRODUCER_VERSION = 3;
  private static final int MODEL_DOMAIN = 4;
  private static final int MODEL_MODEL_VERSION = 5;
  private static final int MODEL_DOC_STRING = 6;
  private static final int MODEL_GRAPH = 7;
  private static final int MODEL_OPSET_IMPORT = 8;
  private static final int MODEL_METADATA_PROPS = 14;
  private static final int OPSET_DOMAIN = 1;
  private static final int OPSET_VERSION = 2;
  private static final int ENTRY_KEY = 1;
  private static final int ENTRY_VALUE = 2;

  private OnnxExporter() {}

  /** The ONNX file's bytes. */
  public static byte[] export(Model model, OnnxOptions options) {
    int type = OnnxGraph.elemType(options.precision());
    Network net = model.network();
    Normalizer norm = model.normalizer();
    double[] params = model.params();
    boolean normalize = norm.kind() != Normalizer.Kind.NONE;
    boolean fold = normalize && options.foldNormalization();
    if (fold) {
      foldInto(params, net, norm);
    }
    if (options.precision() == Precision.FLOAT) {
      checkFloatRange(params, net, normalize && !fold ? norm : null);
    }

    OnnxGraph g = new OnnxGraph();
    g.input(INPUT, type, "N", (long) net.inputSize());
    String x = normalize && !fold ? normalized(g, type, norm, net.inputSize()) : INPUT;
    Task task = model.task();
    String head =
        switch (task) {
          case MULTICLASS, MULTILABEL -> "probabilities";
          case BINARY -> "positive_probability";
          case REGRESSION -> "predictions";
        };
    x = layers(g, type, net, params, x, head);
    outputs(g, type, task, x, net.outputSize());
    return modelBytes(g, model, options);
  }

  /** The input shifted and scaled as the model's normaliser does it. */
  private static String normalized(OnnxGraph g, int type, Normalizer norm, int n0) {
    long[] dims = {n0};
    String shift = g.constant("normalizer_shift", type, dims, norm.shift());
    String scale = g.constant("normalizer_scale", type, dims, norm.scale());
    String x = g.node("Sub", List.of(INPUT, shift), "shifted_features");
    return g.node("Mul", List.of(x, scale), "normalized_features");
  }

  /** One Gemm and activation a layer; the last one's output is named {@code head}. */
  private static String layers(
      OnnxGraph g, int type, Network net, double[] params, String x, String head) {
    int last = net.numLayers() - 1;
    for (int l = 0; l <= last; l++) {
      int units = net.layer(l).units();
      int fanIn = net.fanIn(l);
      // Network keeps W as units × fan-in column-major: read row-major, that is Wᵀ, fan-in × units,
      // which is Gemm's B for Y = X·B + C without transB.
      double[] w = new double[units * fanIn];
      System.arraycopy(params, net.weightOffset(l), w, 0, w.length);
      double[] b = new double[units];
      System.arraycopy(params, net.biasOffset(l), b, 0, units);
      String wName = g.constant("layer" + (l + 1) + "_weight", type, new long[] {fanIn, units}, w);
      String bName = g.constant("layer" + (l + 1) + "_bias", type, new long[] {units}, b);
      Activation a = net.layer(l).activation();
      String z = l == last && a == Activation.IDENTITY ? head : "layer" + (l + 1) + "_linear";
      x = g.node("Gemm", List.of(x, wName, bName), z);
      String out = l == last ? head : "layer" + (l + 1) + "_output";
      x =
          switch (a) {
            case IDENTITY -> x;
            case RELU -> g.node("Relu", List.of(x), out);
            case SIGMOID -> g.node("Sigmoid", List.of(x), out);
            case TANH -> g.node("Tanh", List.of(x), out);
            case SOFTMAX -> g.node("Softmax", List.of(x), out, new IntAttribute("axis", 1));
          };
    }
    return x;
  }

  /** The task's outputs from the head {@code x}: probabilities and labels, or predictions. */
  private static void outputs(OnnxGraph g, int type, Task task, String x, int k) {
    switch (task) {
      case MULTICLASS -> {
        g.node(
            "ArgMax",
            List.of(x),
            "label",
            new IntAttribute("axis", 1),
            new IntAttribute("keepdims", 0));
        g.output("probabilities", type, "N", (long) k);
        g.output("label", OnnxGraph.INT64, "N");
      }
      case BINARY -> {
        String one = g.constant("one", type, new long[] {1}, new double[] {1.0});
        String negative = g.node("Sub", List.of(one, x), "negative_probability");
        g.node("Concat", List.of(negative, x), "probabilities", new IntAttribute("axis", 1));
        String half = g.constant("threshold", type, new long[] {1}, new double[] {0.5});
        String on = g.node("GreaterOrEqual", List.of(x, half), "is_positive");
        String asInt =
            g.node("Cast", List.of(on), "label_column", new IntAttribute("to", OnnxGraph.INT64));
        String axes = g.int64Constant("label_axes", new long[] {1}, new long[] {1});
        g.node("Squeeze", List.of(asInt, axes), "label");
        g.output("probabilities", type, "N", 2L);
        g.output("label", OnnxGraph.INT64, "N");
      }
      case MULTILABEL -> {
        String half = g.constant("threshold", type, new long[] {1}, new double[] {0.5});
        String on = g.node("GreaterOrEqual", List.of(x, half), "is_on");
        g.node("Cast", List.of(on), "label", new IntAttribute("to", OnnxGraph.INT64));
        g.output("probabilities", type, "N", (long) k);
        g.output("label", OnnxGraph.INT64, "N", (long) k);
      }
      case REGRESSION -> g.output("predictions", type, "N", (long) k);
    }
  }

  /** The ModelProto around the graph: versions, producer, opset, doc string and metadata. */
  private static byte[] modelBytes(OnnxGraph g, Model model, OnnxOptions options) {
    String doc = describe(model, options);
    ProtoWriter m =
        new ProtoWriter()
            .int64(MODEL_IR_VERSION, IR_VERSION)
            .string(MODEL_PRODUCER_NAME, PRODUCER)
            .string(MODEL_PRODUCER_VERSION, producerVersion())
            .string(MODEL_DOMAIN, "io.sparkmlp")
            .int64(MODEL_MODEL_VERSION, 1)
            .string(MODEL_DOC_STRING, doc)
            .message(MODEL_GRAPH, g.toProto("sparkmlp_" + model.task().id(), doc))
            .message(
                MODEL_OPSET_IMPORT,
                new ProtoWriter().string(OPSET_DOMAIN, "").int64(OPSET_VERSION, OPSET));
    for (Map.Entry<String, String> e : metadata(model, options).entrySet()) {
      m.message(
          MODEL_METADATA_PROPS,
          new ProtoWriter().string(ENTRY_KEY, e.getKey()).string(ENTRY_VALUE, e.getValue()));
    }
    return m.toByteArray();
  }

  /**
   * The metadata properties: {@code feature_names}, then {@code class_names} (classifiers), {@code
   * label_names} (multilabel) or {@code target_names} (regression), each a JSON array; {@code
   * sparkmlp.task}, {@code sparkmlp.network}, {@code sparkmlp.normalization}, {@code
   * sparkmlp.training} (the model's training summary).
   */
  public static Map<String, String> metadata(Model model, OnnxOptions options) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("feature_names", jsonArray(model.featureNames()));
    String labels =
        switch (model.task()) {
          case MULTICLASS, BINARY -> "class_names";
          case MULTILABEL -> "label_names";
          case REGRESSION -> "target_names";
        };
    p.put(labels, jsonArray(model.labelNames()));
    p.put("sparkmlp.task", model.task().id());
    p.put("sparkmlp.network", model.network().toString());
    Normalizer.Kind kind = model.normalizer().kind();
    p.put(
        "sparkmlp.normalization",
        kind.id()
            + (kind != Normalizer.Kind.NONE && options.foldNormalization()
                ? " (folded into layer 1)"
                : ""));
    p.put("sparkmlp.training", model.trainingJson());
    return p;
  }

  private static String describe(Model model, OnnxOptions options) {
    String outputs =
        switch (model.task()) {
          case MULTICLASS ->
              "probabilities [N, k] (softmax), label [N] (int64 index into" + " class_names)";
          case BINARY -> "probabilities [N, 2] = [1 - p, p], label [N] (int64, 1 when p >= 0.5)";
          case MULTILABEL ->
              "probabilities [N, k] (sigmoid), label [N, k] (int64, 1 when p >=" + " 0.5)";
          case REGRESSION -> "predictions [N, k]";
        };
    return "sparkmlp "
        + model.task().id()
        + " model "
        + model.network()
        + "; input features [N, "
        + model.numFeatures()
        + "] "
        + options.precision().id()
        + ", unnormalised; outputs "
        + outputs;
  }

  /** x' = (x − s)·c, so W x' + b = (W·diag(c)) x + (b − W·diag(c)·s). */
  private static void foldInto(double[] params, Network net, Normalizer norm) {
    int units = net.layer(0).units();
    int n0 = net.inputSize();
    int w = net.weightOffset(0);
    int b = net.biasOffset(0);
    double[] shift = norm.shift();
    double[] scale = norm.scale();
    for (int j = 0; j < n0; j++) {
      for (int i = 0; i < units; i++) {
        int at = w + i + j * units;
        params[at] *= scale[j];
        params[b + i] -= params[at] * shift[j];
      }
    }
  }

  private static void checkFloatRange(double[] params, Network net, Normalizer norm) {
    for (int l = 0; l < net.numLayers(); l++) {
      int from = net.weightOffset(l);
      int to = net.biasOffset(l) + net.layer(l).units();
      for (int i = from; i < to; i++) {
        if (Math.abs(params[i]) > Float.MAX_VALUE) {
          throw new IllegalArgumentException(
              "cannot export as float: layer "
                  + (l + 1)
                  + " has the value "
                  + params[i]
                  + " at parameter "
                  + i
                  + ", beyond float32's range; export with precision double");
        }
      }
    }
    if (norm != null) {
      double[] shift = norm.shift();
      double[] scale = norm.scale();
      for (int j = 0; j < shift.length; j++) {
        if (Math.abs(shift[j]) > Float.MAX_VALUE || Math.abs(scale[j]) > Float.MAX_VALUE) {
          throw new IllegalArgumentException(
              "cannot export as float: the normalisation of feature "
                  + (j + 1)
                  + " (shift "
                  + shift[j]
                  + ", scale "
                  + scale[j]
                  + ") is beyond float32's range; export with precision double");
        }
      }
    }
  }

  private static String jsonArray(List<String> names) {
    try {
      return Json.MAPPER.writeValueAsString(new ArrayList<>(names));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The version Maven wrote into {@code producer.properties} at build time. */
  static String producerVersion() {
    try (InputStream in = OnnxExporter.class.getResourceAsStream("producer.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

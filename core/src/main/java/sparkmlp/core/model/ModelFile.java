package sparkmlp.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.format.Container;
import sparkmlp.core.format.Json;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Dropout;
import sparkmlp.core.layer.Layer;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.task.Task;

/**
 * Reads and writes model files: a {@link Container} of kind "model" with one array, "params". The
 * header carries its own version ({@code "header-version"}, absent meaning 1) besides the
 * container's: version 2 adds dropout layers to {@code network.layers}. Writers write the lowest
 * version that describes the model, so a model without dropout stays readable by older builds;
 * readers read every version up to {@link #HEADER_VERSION}.
 */
public final class ModelFile {
  public static final String KIND = "model";

  /** The newest header version this build reads and writes. */
  public static final int HEADER_VERSION = 2;

  private ModelFile() {}

  public static void write(Model model, OutputStream out) throws IOException {
    Map<String, double[]> arrays = new LinkedHashMap<>();
    arrays.put("params", model.params());
    Container.write(out, header(model, KIND), arrays);
  }

  /**
   * Reads a model; {@code source} names the file in messages. Shapes are checked before the weights
   * are read.
   */
  public static Model read(InputStream in, String source) throws IOException {
    return read(in, source, -1);
  }

  /**
   * The same, also checking the declared sizes against the file's length when it is known (≥ 0).
   */
  public static Model read(InputStream in, String source, long fileLength) throws IOException {
    Container.Reader r = Container.open(in, source, fileLength);
    Header header = parseHeader(r, KIND);
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("params", (long) header.network().numParams());
    double[] params = r.expect(expected).readArrays().get("params");
    return header.withParams(params);
  }

  /**
   * What a header says about a model, without weights: nothing in it is proportional to the
   * parameter count, so a header claiming a huge network costs nothing until its arrays are checked
   * against the file.
   */
  public record Header(
      Network network, Task task, Model.Features features, List<String> labels, String training) {
    /** The model with these weights. */
    public Model withParams(double[] params) {
      return new Model(network, task, params, features, labels, training);
    }
  }

  /** The JSON header describing a model (no weights), shared with checkpoints. */
  public static ObjectNode header(Model model, String kind) {
    ObjectNode h = Json.MAPPER.createObjectNode();
    h.put("kind", kind);
    int version = headerVersion(model.network());
    if (version > 1) {
      h.put("header-version", version);
    }
    h.put("task", model.task().id());
    ObjectNode net = h.putObject("network");
    Network n = model.network();
    net.put("input", n.inputSize());
    ArrayNode layers = net.putArray("layers");
    for (Layer layer : n.topology()) {
      if (layer instanceof Dense d) {
        layers.addObject().put("units", d.units()).put("activation", d.activation().id());
      } else {
        layers.addObject().put("dropout", ((Dropout) layer).rate());
      }
    }
    net.put("loss", n.loss().id());
    net.put("parameters", n.numParams());
    ArrayNode features = h.putArray("features");
    model.featureNames().forEach(features::add);
    ArrayNode labels = h.putArray("labels");
    model.labelNames().forEach(labels::add);
    ObjectNode norm = h.putObject("normalization");
    norm.put("kind", model.normalizer().kind().id());
    ArrayNode shift = norm.putArray("shift");
    for (double v : model.normalizer().shift()) {
      shift.add(v);
    }
    ArrayNode scale = norm.putArray("scale");
    for (double v : model.normalizer().scale()) {
      scale.add(v);
    }
    if (model.profile() != null) {
      h.set("feature_profile", model.profile().toJson());
    }
    try {
      h.set("training", Json.MAPPER.readTree(model.trainingJson()));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "training summary is not valid JSON: " + e.getMessage(), e);
    }
    return h;
  }

  /**
   * The lowest header version that describes {@code net}: 2 when it has a dropout layer, else 1. A
   * new field that an older reader would misread or reject bumps the version here.
   */
  static int headerVersion(Network net) {
    return net.topology().stream().anyMatch(l -> l instanceof Dropout) ? 2 : 1;
  }

  /** The model description in a header, after checking every field; {@code kind} must match. */
  public static Header parseHeader(Container.Reader r, String kind) {
    JsonNode h = r.header();
    try {
      String found = h.path("kind").asText("");
      if (!found.equals(kind)) {
        throw new IllegalArgumentException(
            "expected a " + kind + " file, found kind '" + found + "'");
      }
      int version = checkedHeaderVersion(h);
      Task task = Task.fromId(text(h, "task"));
      Network network = network(h.path("network"), version);
      List<String> features = strings(h, "features");
      List<String> labels = strings(h, "labels");
      JsonNode norm = h.path("normalization");
      Normalizer normalizer =
          new Normalizer(
              Normalizer.Kind.fromId(text(norm, "kind")),
              doubles(norm, "shift"),
              doubles(norm, "scale"));
      String training =
          h.has("training") ? Json.MAPPER.writeValueAsString(h.get("training")) : "{}";
      // Validate the header as a whole (names, normalisation, task) before any array is read, so a
      // bad header is reported without allocating the weights.
      Model.checkShapes(network, task, normalizer, features, labels);
      FeatureProfile profile =
          h.has("feature_profile") ? FeatureProfile.fromJson(h.get("feature_profile")) : null;
      if (profile != null && !profile.names().equals(features)) {
        throw new IllegalArgumentException(
            "feature_profile covers "
                + profile.names()
                + ", the header's features are "
                + features);
      }
      return new Header(
          network, task, new Model.Features(normalizer, features, profile), labels, training);
    } catch (IllegalArgumentException | IOException e) {
      throw r.bad(e.getMessage());
    }
  }

  /** The header's {@code header-version} (1 when absent), which must be one this build reads. */
  private static int checkedHeaderVersion(JsonNode h) {
    int version = h.has("header-version") ? intField(h, "header-version") : 1;
    if (version < 1 || version > HEADER_VERSION) {
      throw new IllegalArgumentException(
          "header-version "
              + version
              + " is not one this build reads (1 to "
              + HEADER_VERSION
              + "); a newer sparkmlp wrote it");
    }
    return version;
  }

  /** The header's {@code network}: input size, layers (dropout from version 2) and loss. */
  private static Network network(JsonNode net, int version) {
    int input = intField(net, "input");
    List<Layer> layers = new ArrayList<>();
    JsonNode ls = net.path("layers");
    if (!ls.isArray() || ls.isEmpty()) {
      throw new IllegalArgumentException("network.layers must be a non-empty list");
    }
    if (ls.size() > 1000) {
      throw new IllegalArgumentException(
          "network.layers lists " + ls.size() + " layers, at most 1000 are allowed");
    }
    for (JsonNode l : ls) {
      if (l.has("dropout") && version >= 2) {
        layers.add(new Dropout(number(l, "dropout")));
      } else {
        layers.add(new Dense(intField(l, "units"), Activation.fromId(text(l, "activation"))));
      }
    }
    Network network = new Network(input, layers, Loss.fromId(text(net, "loss")));
    JsonNode declared = net.get("parameters");
    if (declared != null
        && (!declared.canConvertToLong() || declared.asLong() != network.numParams())) {
      throw new IllegalArgumentException(
          "network.parameters says " + declared + ", the layers need " + network.numParams());
    }
    return network;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("header field '" + field + "' must be a string");
    }
    return v.asText();
  }

  private static int intField(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new IllegalArgumentException(
          "header field '" + field + "' must be an integer, found " + v);
    }
    return v.asInt();
  }

  private static double number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException(
          "header field '" + field + "' must be a number, found " + v);
    }
    return v.asDouble();
  }

  private static List<String> strings(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException("header field '" + field + "' must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    v.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static double[] doubles(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException("header field '" + field + "' must be a list of numbers");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw new IllegalArgumentException(
            "header field '" + field + "' must be a list of numbers, found " + v.get(i));
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }
}

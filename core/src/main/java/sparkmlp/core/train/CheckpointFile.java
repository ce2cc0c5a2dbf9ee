package sparkmlp.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import sparkmlp.core.format.Container;
import sparkmlp.core.format.Json;
import sparkmlp.core.model.Model;
import sparkmlp.core.model.ModelFile;
import sparkmlp.core.optim.OptimizerState;

/**
 * Checkpoint files: the model header of the run (topology, normalisation, labels) plus the whole
 * {@link TrainingState}, in the same container as model files, kind "checkpoint". Arrays: "params",
 * "opt.0"… for the optimiser slots, and "best" when early stopping keeps the best weights.
 */
public final class CheckpointFile {
  public static final String KIND = "checkpoint";

  private CheckpointFile() {}

  /** A checkpoint as read back: the run's model (with the checkpoint's weights) and its state. */
  public record Checkpoint(Model model, String optimizerId, TrainingState state) {}

  /**
   * Writes the state of a run whose model (names, normalisation; weights ignored) is {@code model}.
   */
  public static void write(Model model, String optimizerId, TrainingState s, OutputStream out)
      throws IOException {
    ObjectNode h = ModelFile.header(model, KIND);
    ObjectNode st = h.putObject("state");
    st.put("epoch", s.epoch);
    st.put("step", s.step);
    st.put("epoch_loss_sum", s.epochLossSum);
    st.put("epoch_count", s.epochCount);
    st.put("epoch_seconds", s.epochSeconds);
    st.put("best_value", s.bestValue);
    st.put("best_epoch", s.bestEpoch);
    st.put("wait", s.wait);
    st.put("stopped", s.stopped);
    ObjectNode opt = st.putObject("optimizer");
    opt.put("id", optimizerId);
    opt.put("steps", s.optimizer.steps());
    opt.put("slots", s.optimizer.numSlots());
    ArrayNode hist = st.putArray("history");
    for (EpochMetrics m : s.history) {
      hist.add(epochJson(m));
    }
    Map<String, double[]> arrays = new LinkedHashMap<>();
    arrays.put("params", s.params);
    for (int i = 0; i < s.optimizer.numSlots(); i++) {
      arrays.put("opt." + i, s.optimizer.slot(i));
    }
    if (s.bestParams != null) {
      arrays.put("best", s.bestParams);
    }
    Container.write(out, h, arrays);
  }

  /**
   * Reads a checkpoint, checking every array length against the declared network before allocating.
   */
  public static Checkpoint read(InputStream in, String source) throws IOException {
    return read(in, source, -1);
  }

  /** The same, also checking declared sizes against the file's length when known (≥ 0). */
  public static Checkpoint read(InputStream in, String source, long fileLength) throws IOException {
    Container.Reader r = Container.open(in, source, fileLength);
    ModelFile.Header skeleton = ModelFile.parseHeader(r, KIND);
    JsonNode st = r.header().path("state");
    JsonNode opt = st.path("optimizer");
    int slots = opt.path("slots").asInt(-1);
    if (!st.isObject() || slots < 0 || slots > 8) {
      throw r.bad("checkpoint state is missing or has a bad optimizer slot count");
    }
    long n = skeleton.network().numParams();
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("params", n);
    for (int i = 0; i < slots; i++) {
      expected.put("opt." + i, n);
    }
    if (r.declaredArrays().containsKey("best")) {
      expected.put("best", n);
    }
    Map<String, double[]> arrays = r.expect(expected).readArrays();
    double[][] slotArrays = new double[slots][];
    for (int i = 0; i < slots; i++) {
      slotArrays[i] = arrays.get("opt." + i);
    }
    TrainingState s =
        new TrainingState(
            arrays.get("params"), new OptimizerState(opt.path("steps").asLong(), slotArrays));
    s.epoch = st.path("epoch").asInt();
    s.step = st.path("step").asInt();
    s.epochLossSum = st.path("epoch_loss_sum").asDouble();
    s.epochCount = st.path("epoch_count").asLong();
    s.epochWeight = s.epochCount;
    s.epochSeconds = st.path("epoch_seconds").asDouble();
    s.bestValue = number(st.path("best_value"));
    s.bestEpoch = st.path("best_epoch").asInt();
    s.wait = st.path("wait").asInt();
    s.stopped = st.path("stopped").asBoolean();
    s.bestParams = arrays.get("best");
    for (JsonNode m : st.path("history")) {
      s.history.add(
          new EpochMetrics(
              m.path("epoch").asInt(),
              number(m.path("loss")),
              number(m.path("val_loss")),
              number(m.path("val_accuracy")),
              number(m.path("learning_rate")),
              m.path("examples").asLong(),
              number(m.path("seconds")),
              number(m.path("val_seconds"))));
    }
    return new Checkpoint(skeleton.withParams(s.params), opt.path("id").asText(), s);
  }

  /** One history entry as JSON, NaN written as null. */
  public static ObjectNode epochJson(EpochMetrics m) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("epoch", m.epoch());
    putNumber(o, "loss", m.loss());
    putNumber(o, "val_loss", m.valLoss());
    putNumber(o, "val_accuracy", m.valAccuracy());
    putNumber(o, "learning_rate", m.learningRate());
    o.put("examples", m.examples());
    putNumber(o, "seconds", m.seconds());
    putNumber(o, "val_seconds", m.valSeconds());
    return o;
  }

  private static void putNumber(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) {
      o.put(k, v);
    } else {
      o.putNull(k);
    }
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }
}

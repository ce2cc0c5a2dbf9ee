package sparkmlp.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;
import sparkmlp.core.format.Json;
import sparkmlp.core.model.Model;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.store.ModelStore;

/**
 * Persistence of the stages, laid out as MLlib lays out its own: {@code <path>/metadata/part-00000}
 * is one line of JSON in the form of MLlib's {@code DefaultParamsWriter} (class, timestamp,
 * sparkVersion, uid, paramMap, defaultParamMap), so {@code Pipeline} and {@code CrossValidator}
 * readers find the stage's class and its static {@code read()}; a model adds {@code
 * <path>/data/model.mlp}, sparkmlp's documented model container (no Java serialisation).
 */
final class StageIo {
  static final String METADATA = "/metadata/part-00000";

  /** A stage's metadata is one JSON line of its params: far below this. */
  static final long MAX_METADATA_BYTES = 1 << 20;

  static final String DATA = "/data";

  private StageIo() {}

  /** Writes the metadata, and the model when there is one. */
  static final class Writer extends MLWriter {
    private final Params stage;
    private final Model model;

    Writer(Params stage, Model model) {
      this.stage = stage;
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      SparkSession spark = SparkSession.active();
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      String dir = path.replaceAll("/+$", "");
      AtomicFiles.writeString(hadoop, dir + METADATA, metadata(stage, spark.version()) + "\n");
      if (model != null) {
        ModelStore.save(hadoop, dir + DATA, model);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static String metadata(Params stage, String sparkVersion) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("class", stage.getClass().getName());
    m.put("timestamp", System.currentTimeMillis());
    m.put("sparkVersion", sparkVersion);
    m.put("uid", stage.uid());
    ObjectNode set = m.putObject("paramMap");
    ObjectNode defaults = m.putObject("defaultParamMap");
    for (Param p : stage.params()) {
      try {
        if (stage.isSet(p)) {
          set.set(p.name(), Json.MAPPER.readTree(p.jsonEncode(stage.getOrDefault(p))));
        } else if (stage.hasDefault(p)) {
          defaults.set(p.name(), Json.MAPPER.readTree(p.jsonEncode(stage.getOrDefault(p))));
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return m.toString();
  }

  /** What a stage's constructor needs from the folder. */
  interface Factory<T> {
    T create(String uid, Model model);
  }

  /** Reads a stage of one class, with one clear error for anything else. */
  static final class Reader<T extends Params> extends MLReader<T> {
    private final Class<T> type;
    private final boolean hasModel;
    private final Factory<T> factory;

    Reader(Class<T> type, boolean hasModel, Factory<T> factory) {
      this.type = type;
      this.hasModel = hasModel;
      this.factory = factory;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public T load(String path) {
      SparkSession spark = SparkSession.active();
      Configuration hadoop = spark.sparkContext().hadoopConfiguration();
      String dir = path.replaceAll("/+$", "");
      String what = dir + ": not a saved " + type.getName();
      JsonNode meta;
      try {
        // MLlib writes the line through a DataFrame on some versions (part-00000-<id>.txt): the
        // first visible file of metadata/ holds it.
        List<String> files = AtomicFiles.list(hadoop, dir + "/metadata");
        if (files.isEmpty()) {
          throw new IllegalArgumentException(what + " (no metadata/part-00000)");
        }
        String text = AtomicFiles.readString(hadoop, files.get(0), MAX_METADATA_BYTES).strip();
        int eol = text.indexOf('\n');
        meta = Json.MAPPER.readTree(eol < 0 ? text : text.substring(0, eol));
      } catch (java.io.IOException | RuntimeException e) {
        if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(what)) {
          throw iae;
        }
        throw new IllegalArgumentException(
            what + " (unreadable metadata: " + e.getMessage() + ")", e);
      }
      String cls = meta.path("class").asText("");
      if (!cls.equals(type.getName())) {
        throw new IllegalArgumentException(what + " (its metadata names class '" + cls + "')");
      }
      String uid = meta.path("uid").asText("");
      if (uid.isEmpty() || !meta.path("paramMap").isObject()) {
        throw new IllegalArgumentException(what + " (metadata without uid or paramMap)");
      }
      Model model = null;
      if (hasModel) {
        try {
          model = ModelStore.load(hadoop, dir + DATA);
        } catch (InputException e) {
          throw new IllegalArgumentException(what + " (" + e.getMessage() + ")", e);
        }
      }
      T stage = factory.create(uid, model);
      Iterator<Map.Entry<String, JsonNode>> it = meta.get("paramMap").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        Param p;
        try {
          p = stage.getParam(e.getKey());
        } catch (RuntimeException unknown) {
          throw new IllegalArgumentException(
              what + " (unknown param '" + e.getKey() + "')", unknown);
        }
        try {
          stage.set(p, p.jsonDecode(e.getValue().toString()));
        } catch (RuntimeException bad) {
          throw new IllegalArgumentException(
              what + " (param " + e.getKey() + ": " + bad.getMessage() + ")", bad);
        }
      }
      return stage;
    }
  }
}

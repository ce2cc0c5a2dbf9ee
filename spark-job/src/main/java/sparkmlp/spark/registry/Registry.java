package sparkmlp.spark.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import sparkmlp.core.format.Json;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.InputException;

/**
 * A model registry in a folder on any Hadoop file system (layout: docs/registry.md):
 *
 * <pre>
 * champion              pointer: {"version": ID, "updated": time}, replaced atomically
 * history.jsonl         one JSON line per decision, promotion and rollback, oldest first
 * versions/ID/          model.mlp, summary.json, metrics.jsonl, fingerprint.json, decision.json,
 *                       checkpoints/, run.json, and _SUCCESS last
 * locks/ID.lock         held while run ID works; locks/_registry.lock while the pointer or the
 *                       history change
 * </pre>
 *
 * Every file is written whole to a temporary name and renamed into place ({@link AtomicFiles}), so
 * a reader sees the previous content or the next, never a part; the pointer only ever names a
 * version whose model file is complete.
 */
public final class Registry {
  /** What a run id may be: it becomes a folder name. */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Registry JSON files (pointer, decision, run.json) are small; more is not one of ours. */
  private static final long MAX_JSON_BYTES = 16 << 20;

  public static final String SUCCESS = "_SUCCESS";
  public static final String DECISION = "decision.json";

  private final Configuration conf;
  private final String dir;
  private final Duration stale;

  /**
   * Schemes of object stores and their connectors: no atomic create-if-absent (S3A's {@code
   * create(p, false)} checks, then creates) and no atomic rename (copy then delete; an overwriting
   * rename deletes the target first), so neither the lock nor the pointer can be trusted there.
   */
  private static final java.util.Set<String> OBJECT_STORES =
      java.util.Set.of(
          "s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cos", "cosn", "obs",
          "swift", "ks3");

  /** The registry in {@code dir}; a folder on an object store is refused with one line. */
  public Registry(Configuration conf, String dir, Duration stale) {
    refuseObjectStore(dir);
    this.conf = conf;
    this.dir = dir.replaceAll("/+$", "");
    this.stale = stale;
  }

  /** Rejects a registry folder on an object store, saying why and what to use instead. */
  static void refuseObjectStore(String dir) {
    String scheme = new org.apache.hadoop.fs.Path(dir).toUri().getScheme();
    if (scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
      throw new InvalidConfigException(
          "registry "
              + dir
              + ": "
              + scheme
              + ":// is an object store without atomic create-if-absent and atomic rename, which the"
              + " registry's locks and champion pointer need; keep the registry on HDFS, a local"
              + " path or NFS (training output and data may stay on "
              + scheme
              + "://)");
    }
  }

  /** The stale period of {@code mlp.registry.lock.stale-minutes}. */
  public static Duration staleAfter(double minutes) {
    return Duration.ofMillis(Math.round(minutes * 60_000));
  }

  /**
   * A version id read from a registry file ({@code champion}, history, run.json): must be a run id,
   * so that a tampered file cannot point outside versions/ (e.g. {@code ../../etc}).
   */
  static String storedId(String id, String file) {
    if (id != null && !RUN_ID.matcher(id).matches()) {
      throw new InputException(
          file
              + ": version id '"
              + id
              + "' is not a run id (letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit, at most 128)");
    }
    return id;
  }

  /** Rejects a run id that cannot be a folder name, naming the option. */
  public static String checkRunId(String id) {
    if (id == null || !RUN_ID.matcher(id).matches()) {
      throw new InvalidConfigException(
          "--run-id: expected letters, digits, '.', '_' or '-' (starting with a letter or digit,"
              + " at most 128), found '"
              + id
              + "'");
    }
    return id;
  }

  public String dir() {
    return dir;
  }

  public Configuration conf() {
    return conf;
  }

  public String versionDir(String id) {
    return dir + "/versions/" + id;
  }

  public String modelPath(String id) {
    return versionDir(id) + "/model.mlp";
  }

  public String file(String id, String name) {
    return versionDir(id) + "/" + name;
  }

  /** True when version {@code id} has its {@code _SUCCESS} marker. */
  public boolean finished(String id) {
    return AtomicFiles.exists(conf, file(id, SUCCESS));
  }

  /** The recorded decision of a version, or null when it has none yet. */
  public ObjectNode decision(String id) {
    String f = file(id, DECISION);
    return AtomicFiles.exists(conf, f) ? (ObjectNode) readJson(f) : null;
  }

  /** The champion's version id, or null when there is none yet. */
  public String champion() {
    String f = dir + "/champion";
    if (!AtomicFiles.exists(conf, f)) {
      return null;
    }
    JsonNode p = readJson(f);
    String v = p.path("version").asText(null);
    if (v == null) {
      throw new InputException(f + ": the champion pointer names no version");
    }
    return storedId(v, f);
  }

  /** The champion's model file; a clear error when the registry has none. */
  public String championModel() {
    String c = champion();
    if (c == null) {
      throw new InputException(dir + ": the registry has no champion yet");
    }
    return modelPath(c);
  }

  /** Version ids with a folder, in name order. */
  public List<String> versions() {
    List<String> out = new ArrayList<>();
    for (String p : AtomicFiles.list(conf, dir + "/versions")) {
      String name = p.substring(p.lastIndexOf('/') + 1);
      if (RUN_ID.matcher(name).matches()) { // no run wrote anything else here
        out.add(name);
      }
    }
    return out;
  }

  /** The history, oldest first. */
  public List<ObjectNode> history() {
    String f = dir + "/history.jsonl";
    if (!AtomicFiles.exists(conf, f)) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>();
    String[] lines = AtomicFiles.readString(conf, f).split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        ObjectNode e;
        try {
          e = (ObjectNode) Json.MAPPER.readTree(lines[i]);
        } catch (IOException | ClassCastException ex) {
          throw new InputException(f + ":" + (i + 1) + ": not a JSON object");
        }
        for (String field : List.of("version", "champion_before", "champion_after")) {
          storedId(e.path(field).asText(null), f + ":" + (i + 1));
        }
        out.add(e);
      }
    }
    return out;
  }

  /** Takes the lock of run {@code id}. */
  public RunLock lockRun(String id, Consumer<String> note) {
    return RunLock.acquire(conf, dir + "/locks/" + id + ".lock", "run " + id, stale, note);
  }

  /**
   * One change to the registry: the champion to set ({@code newChampion}, null for none) if the
   * champion is still {@code expected}, the history entry to append, and how to recognise that
   * entry when a rerun finds it there already.
   */
  public record Change(
      String newChampion,
      String expected,
      ObjectNode entry,
      java.util.function.Predicate<ObjectNode> isThisEntry) {}

  /**
   * Applies one change under the registry lock, as a compare-and-set: sets the champion to the
   * change's {@code newChampion} (unless null or already so) only when the champion is still {@code
   * expected}, the one the decision was made against; otherwise the entry is recorded as {@code
   * superseded} (promoted false, the champion it found as champion_after) and the pointer is left
   * alone. The entry is appended to the history unless an entry {@code isThisEntry} is there
   * already, in which case that one is the outcome. Pointer first: a crash between the two leaves
   * the new champion with its entry missing, which the rerun of the same run adds. {@code fence}
   * (the run lock's check) runs under the registry lock before anything is written; {@code
   * checkpoint} is told "pointer-written". Returns the entry as recorded.
   */
  public ObjectNode commit(
      Change change, Runnable fence, Consumer<String> checkpoint, Consumer<String> note) {
    String newChampion = change.newChampion();
    String expected = change.expected();
    ObjectNode entry = change.entry();
    try (RunLock lock =
        RunLock.acquireWaiting(
            conf,
            dir + "/locks/_registry.lock",
            "a registry update",
            stale,
            // Long enough to outlast the lock of a run killed mid-commit until it is stale.
            stale.plusSeconds(30),
            note)) {
      fence.run();
      List<ObjectNode> history = history();
      for (int i = history.size() - 1; i >= 0; i--) {
        if (change.isThisEntry().test(history.get(i))) {
          return history.get(i); // a rerun: its pointer was written before its entry
        }
      }
      if (newChampion != null) {
        String current = champion();
        if (!newChampion.equals(current) && !java.util.Objects.equals(current, expected)) {
          supersede(entry, expected, current);
        } else if (!newChampion.equals(current)) {
          ObjectNode pointer = Json.MAPPER.createObjectNode();
          pointer.put("version", newChampion);
          pointer.put("updated", Instant.now().toString());
          lock.check();
          AtomicFiles.writeString(conf, dir + "/champion", pointer + "\n");
        }
      }
      checkpoint.accept("pointer-written");
      StringBuilder text = new StringBuilder();
      for (ObjectNode e : history) {
        text.append(e).append('\n');
      }
      text.append(entry).append('\n');
      // HDFS append is not atomic (a reader may see a partial line): rewrite and rename.
      lock.check();
      AtomicFiles.writeString(conf, dir + "/history.jsonl", text.toString());
      return entry;
    }
  }

  /**
   * Marks {@code entry} as not applied: the champion moved from {@code expected} to {@code now}.
   */
  private static void supersede(ObjectNode entry, String expected, String now) {
    entry.put("promoted", false);
    entry.put("superseded", true);
    if (now == null) {
      entry.putNull("champion_after");
    } else {
      entry.put("champion_after", now);
    }
    entry.put(
        "reason",
        "superseded: the champion changed from "
            + expected
            + " to "
            + now
            + " after this decision was made; nothing promoted (a new run id judges against "
            + now
            + ")");
  }

  /**
   * The version a rollback returns to: the one the current champion replaced when it was last
   * promoted (by a retrain or by hand, not by a rollback); null when there is none.
   */
  public String previousChampion() {
    String current = champion();
    List<ObjectNode> h = history();
    for (int i = h.size() - 1; i >= 0; i--) {
      ObjectNode e = h.get(i);
      if (e.path("promoted").asBoolean(false)
          && !"rollback".equals(e.path("action").asText())
          && current != null
          && current.equals(e.path("champion_after").asText(null))) {
        return e.path("champion_before").asText(null);
      }
    }
    return null;
  }

  public void writeJson(String path, JsonNode node) {
    try {
      AtomicFiles.writeString(
          conf, path, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode readJson(String path) {
    try {
      return Json.MAPPER.readTree(AtomicFiles.readString(conf, path, MAX_JSON_BYTES));
    } catch (IOException e) {
      throw new InputException(path + ": not valid JSON: " + e.getMessage(), e);
    }
  }
}

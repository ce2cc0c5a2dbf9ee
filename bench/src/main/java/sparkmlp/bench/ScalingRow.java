package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Locale;

/** One configuration {@link ScalingBench} measured, per step; NaN where it was refused. */
record ScalingRow(
    String network,
    int params,
    int partitions,
    String path,
    int shards,
    double stepMs,
    double minStepMs,
    double driverMb,
    double reduceTaskMs,
    double mapTaskMs,
    double shuffleWriteMs,
    double mapCpuMs,
    double reduceCpuMs,
    double driverCpuMs,
    String note) {

  /** A configuration the reduction plan refused, with its reason. */
  static ScalingRow refused(String network, int params, int partitions, String path, String why) {
    double nan = Double.NaN;
    return new ScalingRow(
        network, params, partitions, path, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan, why);
  }

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("network", network);
    n.put("parameters", params);
    n.put("partitions", partitions);
    n.put("path", path);
    n.put("shards", shards);
    n.put("step_ms_median", stepMs);
    n.put("step_ms_min", minStepMs);
    n.put("driver_mb_per_step", driverMb);
    n.put("reduce_task_ms_per_step", reduceTaskMs);
    n.put("map_task_ms_per_step", mapTaskMs);
    n.put("shuffle_write_ms_per_step", shuffleWriteMs);
    n.put("map_task_cpu_ms_per_step", mapCpuMs);
    n.put("reduce_task_cpu_ms_per_step", reduceCpuMs);
    n.put("driver_thread_cpu_ms_per_step", driverCpuMs);
    if (note != null) {
      n.put("note", note);
    }
    return n;
  }

  /** The progress line printed as soon as the configuration was measured. */
  void report(Progress progress) {
    progress.line(
        "  %-17s k=%2d %-7s S=%2d  step %8.1f ms (min %8.1f)  driver %7.1f MB  reduce"
            + " tasks %7.1f ms (cpu %7.1f)  map tasks %8.1f ms (cpu %8.1f)  shuffle write"
            + " %6.1f ms  driver thread cpu %6.1f ms%s",
        network,
        partitions,
        path,
        shards,
        stepMs,
        minStepMs,
        driverMb,
        reduceTaskMs,
        reduceCpuMs,
        mapTaskMs,
        mapCpuMs,
        shuffleWriteMs,
        driverCpuMs,
        note == null ? "" : "  (" + note + ")");
  }

  /** The table for the console, from the rows' JSON. */
  static void printTable(ArrayNode rows, PrintStream out) {
    out.println();
    out.println(
        "| network | parameters | k | path | S | step ms (median) | step ms (min) | driver MB/step"
            + " | reduce tasks cpu ms/step | map tasks cpu ms/step |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    rows.forEach(
        r ->
            out.println(
                String.format(
                    Locale.ROOT,
                    "| %s | %,d | %d | %s | %s | %s | %s | %s | %s | %s |",
                    r.get("network").asText(),
                    r.get("parameters").asInt(),
                    r.get("partitions").asInt(),
                    r.get("path").asText(),
                    r.get("shards").asInt() == 0 ? "–" : r.get("shards").asText(),
                    r.has("note") ? "refused" : fmt(r.get("step_ms_median").asDouble()),
                    r.has("note") ? "–" : fmt(r.get("step_ms_min").asDouble()),
                    r.has("note") ? "–" : fmt(r.get("driver_mb_per_step").asDouble()),
                    r.has("note") ? "–" : fmt(r.get("reduce_task_cpu_ms_per_step").asDouble()),
                    r.has("note") ? "–" : fmt(r.get("map_task_cpu_ms_per_step").asDouble()))));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}

package sparkmlp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * One measured configuration of the network lab: per-step time (epochs 2.. of the job's {@code
 * summary.json}) and bytes per step on each host's link (interface counters over the same epochs),
 * the driver's host apart from the executors' hosts; or why it was not measured.
 *
 * @param driverSent bytes a step the driver's host sent (weights out, on every engine but peer)
 * @param driverReceived bytes a step the driver's host received (gradient sums, results)
 * @param executorMax the most bytes a step (sent + received) on one executor host's link
 * @param executorMean the mean bytes a step (sent + received) over the executor hosts' links
 */
record NetworkRow(
    NetworkGridPoint point,
    long parameters,
    double stepMs,
    double driverSent,
    double driverReceived,
    double executorMax,
    double executorMean,
    String note) {

  static NetworkRow skipped(NetworkGridPoint point, String note) {
    return new NetworkRow(
        point, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, note);
  }

  ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode o = mapper.createObjectNode();
    o.put("executors", point.executors());
    o.put("link", point.link());
    o.put("engine", point.engine());
    o.put("hidden", point.hidden());
    o.put("parameters", parameters);
    o.put("precision", point.precision().id());
    o.put("batch", point.batch());
    if (note.isEmpty()) {
      o.put("step_ms", stepMs);
      o.put("driver_sent_bytes_per_step", driverSent);
      o.put("driver_received_bytes_per_step", driverReceived);
      o.put("executor_max_bytes_per_step", executorMax);
      o.put("executor_mean_bytes_per_step", executorMean);
    } else {
      o.put("note", note);
    }
    return o;
  }

  /**
   * A Markdown table row: k, link, network, precision, engine, ms, driver MB out/in, executor MB.
   */
  String tableRow() {
    String head =
        String.format(
            Locale.ROOT,
            "| %d | %s | %s | %s | %s |",
            point.executors(),
            point.link(),
            "784-" + point.hidden().replace(',', '-') + "-10",
            point.precision().id(),
            point.engine());
    if (!note.isEmpty()) {
      return head + " – | – | – | – | " + note + " |";
    }
    return head
        + String.format(
            Locale.ROOT,
            " %.0f | %.2f / %.2f | %.2f | %.2f | |",
            stepMs,
            driverSent / 1e6,
            driverReceived / 1e6,
            executorMean / 1e6,
            executorMax / 1e6);
  }

  static final String TABLE_HEADER =
      "| k | link | network | precision | engine | step ms | driver link MB/step out / in"
          + " | executor link MB/step (mean) | (max) | note |\n"
          + "|---|---|---|---|---|---|---|---|---|---|";
}

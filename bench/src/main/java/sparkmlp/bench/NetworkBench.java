package sparkmlp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import sparkmlp.cluster.LabCluster;
import sparkmlp.cluster.NetworkLab;
import sparkmlp.cluster.SparkHome;
import sparkmlp.core.data.Precision;

/**
 * {@code bin/bench --network}: the job on a multi-host network built on this machine ({@link
 * NetworkLab}, {@link LabCluster}: driver and master on host 0, one 1-core executor per other host,
 * every link capped), for each point of the grid ({@link NetworkOptions}); one lab per (link rate,
 * executors), torn down after it whatever happens. Writes {@code <results>/network-<stamp>.json}
 * and prints the Markdown table of docs/scaling.md. Compare engines at the same k: the two cores
 * are shared by all hosts.
 */
final class NetworkBench {

  private static final int FEATURES = 784;
  private static final int CLASSES = 10;

  private NetworkBench() {}

  static int command(NetworkOptions options, Path results, String stamp, Progress progress) {
    String reason = NetworkLab.unavailableReason();
    if (!reason.isEmpty()) {
      System.err.println("bin/bench --network: " + reason);
      return 2;
    }
    ObjectMapper mapper = new ObjectMapper();
    Path work = results.toAbsolutePath().resolve("network-" + stamp);
    Path data = syntheticData(work, options.batch * options.steps);
    List<NetworkRow> rows = new ArrayList<>();
    for (String link : options.links) {
      for (int k : options.executors) {
        // A line, not a section: the lab's own JVMs would count as other processes' load.
        progress.line("== network lab: %d executors, %s links ==", k, link);
        Path dir = work.resolve("k" + k + "-" + link);
        try (NetworkLab lab =
                NetworkLab.create("smlpb" + ProcessHandle.current().pid(), k + 1, link);
            LabCluster cluster =
                LabCluster.start(SparkHome.fromBuild(), lab, dir, Duration.ofMinutes(3))) {
          NetworkRun run = new NetworkRun(cluster, data, work.resolve("runs"), mapper);
          for (String hidden : options.hidden) {
            for (Precision precision : options.precisions) {
              for (String engine : options.engines) {
                NetworkRow row =
                    measure(
                        run,
                        new NetworkGridPoint(k, link, engine, hidden, precision, options.batch),
                        rows);
                progress.line("%s", row.tableRow());
                rows.add(row);
              }
            }
          }
        }
      }
    }
    write(mapper, options, rows, results.resolve("network-" + stamp + ".json"), progress);
    return 0;
  }

  /**
   * Runs one point, unless it is {@code peer} and the job jar already refused that engine (a config
   * error naming {@code mlp.train.engine}): then it is skipped with the job's line.
   */
  private static NetworkRow measure(NetworkRun run, NetworkGridPoint point, List<NetworkRow> done) {
    boolean peer = point.engine().equals("peer");
    String refused = "skipped: the job jar has no engine peer yet";
    if (peer) {
      for (NetworkRow r : done) {
        if (r.note().startsWith(refused)) {
          return NetworkRow.skipped(point, r.note());
        }
      }
    }
    NetworkRow row = run.measure(point);
    if (peer && row.note().contains("'mlp.train.engine'")) {
      return NetworkRow.skipped(point, refused + " (" + row.note() + ")");
    }
    return row;
  }

  private static void write(
      ObjectMapper mapper,
      NetworkOptions options,
      List<NetworkRow> rows,
      Path file,
      Progress progress) {
    ObjectNode out = mapper.createObjectNode();
    out.put("batch", options.batch);
    out.put("steps_per_epoch", options.steps);
    out.put("measured_epochs", NetworkRun.EPOCHS - 1);
    ArrayNode array = out.putArray("rows");
    rows.forEach(r -> array.add(r.toJson(mapper)));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, out.toPrettyString() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    progress.out().println();
    progress.out().println(NetworkRow.TABLE_HEADER);
    rows.forEach(r -> progress.out().println(r.tableRow()));
    progress.line("results: %s", file);
  }

  /**
   * Fashion-MNIST-shaped rows (784 pixel values 0..255, 10 classes), seeded: a step's cost and
   * traffic do not depend on the values.
   */
  static Path syntheticData(Path dir, int rows) {
    Path file = dir.resolve("synthetic-784.csv");
    SplittableRandom random = new SplittableRandom(42);
    try {
      Files.createDirectories(dir);
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
        StringBuilder line = new StringBuilder("label");
        for (int f = 0; f < FEATURES; f++) {
          line.append(",p").append(f);
        }
        w.write(line.append('\n').toString());
        for (int r = 0; r < rows; r++) {
          line.setLength(0);
          line.append(random.nextInt(CLASSES));
          for (int f = 0; f < FEATURES; f++) {
            line.append(',').append(random.nextInt(256));
          }
          w.write(line.append('\n').toString());
        }
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}

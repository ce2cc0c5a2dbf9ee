package sparkmlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import sparkmlp.cluster.LabCluster;
import sparkmlp.cluster.SparkmlpJob;
import sparkmlp.cluster.Submission;
import sparkmlp.cluster.SubmitRequest;
import sparkmlp.cluster.SubmitResult;

/**
 * One {@code mlp train} on the lab's cluster for one grid point: 3 epochs, the first unmeasured
 * (JIT, executors fetching the job jar, the data cached); the interface counters are read when the
 * driver prints epoch 1's line and epoch 3's, so the bytes are those of epochs 2 and 3's steps
 * alone.
 */
final class NetworkRun {

  static final int EPOCHS = 3;
  private static final Duration TIMEOUT = Duration.ofMinutes(20);
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:+UseSerialGC", "--add-modules=jdk.incubator.vector");

  private final LabCluster cluster;
  private final Path data;
  private final Path out;
  private final ObjectMapper mapper;

  NetworkRun(LabCluster cluster, Path data, Path out, ObjectMapper mapper) {
    this.cluster = cluster;
    this.data = data;
    this.out = out;
    this.mapper = mapper;
  }

  NetworkRow measure(NetworkGridPoint point) {
    Path dir = out.resolve(point.slug());
    List<String> args = new ArrayList<>(List.of("train"));
    List<String> sets = new ArrayList<>(point.sets());
    sets.addAll(
        List.of(
            "data.train=" + data,
            "data.test=",
            "data.validation-split=0",
            "train.epochs=" + EPOCHS,
            "train.single-process=never",
            "train.checkpoint.every-epochs=0",
            "log.progress=never",
            "output.dir=" + dir));
    sets.forEach(s -> args.addAll(List.of("--set", s)));
    SubmitRequest request =
        SparkmlpJob.request(args)
            .optTimeout(TIMEOUT)
            .optDriverHeap("3g")
            .optJvmOptions(JVM_OPTIONS.toArray(String[]::new))
            .build();
    Submission run = cluster.launch(request);
    long[][] start = awaitEpoch(run, 1);
    long[][] end = start == null ? null : awaitEpoch(run, EPOCHS);
    SubmitResult result = run.await();
    if (result.exitCode() != 0 || start == null || end == null) {
      return NetworkRow.skipped(point, failure(result));
    }
    return row(point, dir, start, end);
  }

  /** The counters when the driver prints epoch {@code epoch}'s line, or null if it exits first. */
  private long[][] awaitEpoch(Submission run, int epoch) {
    String line = "epoch " + epoch + "/" + EPOCHS + " ";
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (run.isAlive() && Instant.now().isBefore(deadline)) {
      if (run.stdout().contains(line)) {
        return cluster.lab().linkBytes();
      }
      sleep(50);
    }
    return run.stdout().contains(line) ? cluster.lab().linkBytes() : null;
  }

  private NetworkRow row(NetworkGridPoint point, Path dir, long[][] start, long[][] end) {
    JsonNode summary;
    try {
      summary = mapper.readTree(dir.resolve("summary.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve("summary.json"), e);
    }
    int perEpoch = summary.path("schedule").path("steps_per_epoch").asInt();
    JsonNode epochs = summary.path("epochs");
    double seconds = 0;
    for (int e = 1; e < epochs.size(); e++) {
      seconds += epochs.get(e).path("seconds").asDouble();
    }
    int steps = perEpoch * (epochs.size() - 1);
    double[] hostBytes = new double[start.length];
    for (int h = 0; h < start.length; h++) {
      hostBytes[h] = (double) (end[h][0] - start[h][0] + end[h][1] - start[h][1]) / steps;
    }
    double max = 0;
    double sum = 0;
    for (int h = 1; h < hostBytes.length; h++) {
      max = Math.max(max, hostBytes[h]);
      sum += hostBytes[h];
    }
    return new NetworkRow(
        point,
        summary.path("parameters").asLong(),
        1000 * seconds / steps,
        (double) (end[0][0] - start[0][0]) / steps,
        (double) (end[0][1] - start[0][1]) / steps,
        max,
        sum / (hostBytes.length - 1),
        "");
  }

  /** The driver's one-line reason (its last {@code error:}-like line), for the note. */
  static String failure(SubmitResult result) {
    List<String> lines =
        result
            .stderr()
            .lines()
            .filter(l -> !l.isBlank() && !l.startsWith("\t") && !l.contains(" WARN "))
            .toList();
    String last = lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    return "exit " + result.exitCode() + (result.timedOut() ? " (timed out)" : "") + ": " + last;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

package sparkmlp.spark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.hadoop.conf.Configuration;
import sparkmlp.core.format.Json;
import sparkmlp.spark.io.AtomicFiles;

/**
 * {@code --status-file}: what a command ended with, as a small JSON file written atomically, for a
 * scheduler that cannot see the command's exit code (spark-submit in cluster deploy mode exits with
 * the application's final status, 0 or 1, not the job's code).
 */
final class StatusFile {
  private StatusFile() {}

  /**
   * The file's content: {@code command}, {@code exit_code}, {@code status} ({@code succeeded} or
   * {@code failed}), {@code message} (the error line printed on stderr, or null), {@code output}
   * (the output folder, or null) and {@code finished} (ISO-8601 UTC).
   */
  static String json(String command, int exitCode, String message, String output, Instant at) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("command", command);
    node.put("exit_code", exitCode);
    node.put("status", exitCode == ExitCodes.OK ? "succeeded" : "failed");
    node.put("message", message);
    node.put("output", output);
    node.put("finished", at.truncatedTo(ChronoUnit.MILLIS).toString());
    return Json.pretty(node);
  }

  /** Writes {@link #json} to {@code uri} (a local path or Hadoop URI), replacing it atomically. */
  static void write(
      Configuration hadoop, String uri, String command, int code, String message, String output) {
    AtomicFiles.writeString(hadoop, uri, json(command, code, message, output, Instant.now()));
  }
}

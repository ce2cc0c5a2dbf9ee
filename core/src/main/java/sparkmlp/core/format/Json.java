package sparkmlp.core.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * The one Jackson {@link ObjectMapper} the project uses (thread-safe once configured, and costly to
 * create), for file headers, summaries, metrics and CLI output alike.
 */
public final class Json {
  /** The shared mapper; never reconfigure it. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** {@code node} as indented JSON with a final newline, as the CLI prints and writes it. */
  public static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

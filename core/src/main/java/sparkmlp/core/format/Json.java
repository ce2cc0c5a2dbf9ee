package sparkmlp.core.format;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson {@link ObjectMapper} the project uses (thread-safe once configured, and costly to
 * create), for file headers, summaries, metrics and CLI output alike.
 */
public final class Json {
  /** The shared mapper; never reconfigure it. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}

package sparkmlp.spark.config;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings of the peer engine ({@code mlp.train.peer}).
 *
 * @param ports the ports its tasks listen on for each other: {@code any}, a port, or {@code
 *     from-to}
 * @param syncSteps every how many steps the driver gathers the weights and the optimiser's state,
 *     from which a failed stage attempt's replacement replays, at least 1
 */
public record PeerSettings(String ports, int syncSteps) {
  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})(?:-(\\d{1,5}))?");

  /** A port range {@code [from, to]}; {@code 0-0} lets the system choose. */
  public record PortRange(int from, int to) implements Serializable {}

  /** {@link #ports} as a range. */
  public PortRange portRange() {
    return parse(ports);
  }

  /** {@code any} (0-0), one port, or {@code from-to} within 1..65535; null for anything else. */
  static PortRange parse(String text) {
    String t = text.trim();
    if (t.equals("any")) {
      return new PortRange(0, 0);
    }
    Matcher m = RANGE.matcher(t);
    if (!m.matches()) {
      return null;
    }
    int from = Integer.parseInt(m.group(1));
    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
    return from >= 1 && from <= to && to <= 65535 ? new PortRange(from, to) : null;
  }
}

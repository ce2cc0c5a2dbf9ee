package sparkmlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on 127.0.0.1, for daemons that must be told their port before they start. */
final class LoopbackPorts {

  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private LoopbackPorts() {}

  /**
   * A port that was free a moment ago and that this JVM has not handed out before. Another process
   * may take it before ours binds: Spark's daemons then bind the next free port and log it, so
   * callers read the port a daemon reports rather than trust this one (a CI run hit this once).
   */
  static synchronized int free() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("no free port on 127.0.0.1", e);
      }
    }
    throw new IllegalStateException(
        "no port on 127.0.0.1 that was not handed out already, after 100 tries");
  }
}

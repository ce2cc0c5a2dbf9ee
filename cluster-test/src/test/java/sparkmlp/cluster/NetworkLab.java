package sparkmlp.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A multi-host network on one machine: one Linux network namespace per host, each joined to a
 * bridge (in a namespace of its own) by a veth pair whose two ends are capped with {@code tc qdisc
 * tbf} at the link's rate, so a host's upload and download each get that rate, and hosts sharing
 * one destination share its link as on a switch. Host {@code i} has address {@code 10.77.0.(i+1)},
 * which exists only inside its namespace. {@link #close()} deletes every namespace (and so every
 * interface); a shutdown hook does the same if the JVM exits without closing. Needs root and
 * iproute2: {@link #unavailableReason()} says why not.
 */
public final class NetworkLab implements AutoCloseable {

  private static final String SUBNET = "10.77.0.";

  private final String prefix;
  private final int hosts;
  private final String rate;
  private final List<String> created = new ArrayList<>();
  private final Thread shutdownHook;
  private boolean closed;

  private NetworkLab(String prefix, int hosts, String rate) {
    this.prefix = prefix;
    this.hosts = hosts;
    this.rate = rate;
    this.shutdownHook = new Thread(this::deleteNamespaces, prefix + "-teardown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Why a lab cannot be built here (not root, no {@code ip netns}, no {@code tbf}), or empty if it
   * can: the probe creates and deletes one namespace.
   */
  public static String unavailableReason() {
    String user = System.getProperty("user.name");
    if (!"root".equals(user)) {
      return "the network lab needs root (ip netns, tc), running as " + user;
    }
    String probe = "smlp-probe-" + ProcessHandle.current().pid();
    try {
      run("ip", "netns", "add", probe);
      try {
        run("ip", "-n", probe, "link", "set", "lo", "up");
        run(
            "tc", "-n", probe, "qdisc", "add", "dev", "lo", "root", "tbf", "rate", "100mbit",
            "burst", "32kb", "latency", "50ms");
      } finally {
        run("ip", "netns", "del", probe);
      }
      return "";
    } catch (IllegalStateException | UncheckedIOException e) {
      return "the network lab cannot build namespaces here: " + e.getMessage();
    }
  }

  /**
   * Builds {@code hosts} namespaces ({@code PREFIX-h0} …), a bridge namespace ({@code PREFIX-br})
   * and the capped links; on any failure what was built is deleted before the exception leaves.
   *
   * @param rate a {@code tc} rate such as {@code 100mbit} or {@code 1gbit}
   */
  public static NetworkLab create(String prefix, int hosts, String rate) {
    if (hosts < 2 || hosts > 200) {
      throw new IllegalArgumentException("a lab needs 2..200 hosts, got " + hosts);
    }
    NetworkLab lab = new NetworkLab(prefix, hosts, rate);
    try {
      lab.build();
      return lab;
    } catch (RuntimeException e) {
      lab.close();
      throw e;
    }
  }

  private void build() {
    String br = bridgeNamespace();
    addNamespace(br);
    run("ip", "-n", br, "link", "add", "br0", "type", "bridge");
    run("ip", "-n", br, "link", "set", "br0", "up");
    for (int i = 0; i < hosts; i++) {
      String ns = namespace(i);
      addNamespace(ns);
      run("ip", "-n", ns, "link", "set", "lo", "up");
      run(
          "ip",
          "-n",
          br,
          "link",
          "add",
          bridgePort(i),
          "type",
          "veth",
          "peer",
          "name",
          "eth0",
          "netns",
          ns);
      run("ip", "-n", br, "link", "set", bridgePort(i), "master", "br0");
      run("ip", "-n", br, "link", "set", bridgePort(i), "up");
      run("ip", "-n", ns, "addr", "add", address(i) + "/24", "dev", "eth0");
      run("ip", "-n", ns, "link", "set", "eth0", "up");
      cap(br, bridgePort(i));
      cap(ns, "eth0");
    }
  }

  /** tbf with a 10 ms burst at the rate and up to 50 ms of queue, on the device's egress. */
  private void cap(String ns, String device) {
    long bytesPerSecond = bitsPerSecond(rate) / 8;
    String burst = Math.max(16_384, bytesPerSecond / 100) + "b";
    run(
        "tc", "-n", ns, "qdisc", "add", "dev", device, "root", "tbf", "rate", rate, "burst", burst,
        "latency", "50ms");
  }

  /** {@code 100mbit} → 100 000 000; accepts kbit, mbit, gbit. */
  public static long bitsPerSecond(String rate) {
    String r = rate.toLowerCase(Locale.ROOT);
    long[] scale = {1_000L, 1_000_000L, 1_000_000_000L};
    String[] unit = {"kbit", "mbit", "gbit"};
    for (int u = 0; u < unit.length; u++) {
      if (r.endsWith(unit[u])) {
        return Long.parseLong(r.substring(0, r.length() - unit[u].length())) * scale[u];
      }
    }
    throw new IllegalArgumentException(
        "link rate must be like 100mbit or 1gbit, got '" + rate + "'");
  }

  private void addNamespace(String ns) {
    run("ip", "netns", "add", ns);
    created.add(ns);
  }

  public int hosts() {
    return hosts;
  }

  public String rate() {
    return rate;
  }

  /** The namespace of host {@code i}. */
  public String namespace(int host) {
    return prefix + "-h" + host;
  }

  private String bridgeNamespace() {
    return prefix + "-br";
  }

  /** Host {@code i}'s end of its link on the bridge. */
  private static String bridgePort(int host) {
    return "h" + host;
  }

  /** Host {@code i}'s address, {@code 10.77.0.(i+1)}. */
  public String address(int host) {
    return SUBNET + (host + 1);
  }

  /**
   * Bytes each host's link has carried so far, {@code [host][0]} sent by the host, {@code
   * [host][1]} received by it, from the bridge end's interface counters.
   */
  public long[][] linkBytes() {
    String out =
        run(
            "ip",
            "netns",
            "exec",
            bridgeNamespace(),
            "sh",
            "-c",
            "grep . /sys/class/net/h*/statistics/rx_bytes /sys/class/net/h*/statistics/tx_bytes");
    Map<String, Long> counters = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int colon = line.lastIndexOf(':');
      if (colon > 0) {
        counters.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1).trim()));
      }
    }
    long[][] bytes = new long[hosts][2];
    for (int i = 0; i < hosts; i++) {
      String dir = "/sys/class/net/" + bridgePort(i) + "/statistics/";
      // The bridge end receives what the host sends, and transmits what the host receives.
      bytes[i][0] = counters.getOrDefault(dir + "rx_bytes", -1L);
      bytes[i][1] = counters.getOrDefault(dir + "tx_bytes", -1L);
    }
    return bytes;
  }

  /** Takes host {@code i}'s link down or up at the bridge, as a pulled cable would. */
  public void setLink(int host, boolean up) {
    run("ip", "-n", bridgeNamespace(), "link", "set", bridgePort(host), up ? "up" : "down");
  }

  /** Pids of the processes inside host {@code i}'s namespace now. */
  public List<Long> pids(int host) {
    List<Long> pids = new ArrayList<>();
    for (String line : run("ip", "netns", "pids", namespace(host)).split("\n")) {
      if (!line.isBlank()) {
        pids.add(Long.parseLong(line.trim()));
      }
    }
    return pids;
  }

  /** The namespaces of this lab that exist now; empty after {@link #close()}. */
  public List<String> existingNamespaces() {
    return run("ip", "netns", "list")
        .lines()
        .map(l -> l.split(" ")[0])
        .filter(n -> n.startsWith(prefix + "-"))
        .toList();
  }

  /**
   * Kills any process still inside a host's namespace (the lab's own, by pid), then deletes every
   * namespace. Safe to call twice.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    deleteNamespaces();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs anyway.
    }
  }

  private synchronized void deleteNamespaces() {
    for (int i = created.size() - 1; i >= 0; i--) {
      String ns = created.get(i);
      try {
        for (String pid : run("ip", "netns", "pids", ns).split("\n")) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        run("ip", "netns", "del", ns);
      } catch (RuntimeException e) {
        System.err.printf("[lab] cannot delete namespace %s: %s%n", ns, e.getMessage());
      }
    }
    created.clear();
  }

  /** Runs a command to its end; its stdout, or an exception with its output if it failed. */
  static String run(String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    try {
      Process p = builder.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not end within 30 s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + out.trim());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    }
  }
}

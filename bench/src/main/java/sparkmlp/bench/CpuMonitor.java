package sparkmlp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How busy the machine was during each phase, from {@code /proc/stat} (all CPUs) and this process's
 * CPU time: cores used by this process and by everything else. Timings taken while other processes
 * use the cores are not the machine's, so the report says so.
 */
final class CpuMonitor {
  /** Other processes using more than this many cores on average make a phase's timings suspect. */
  static final double BUSY_THRESHOLD = 0.25;

  /** One finished phase: wall seconds, average cores used by this process and by others. */
  record Phase(String name, double seconds, double ownCores, double otherCores) {}

  private record Sample(long wallNanos, long busyTicks, long totalTicks, long processNanos) {}

  private final int cores = Runtime.getRuntime().availableProcessors();
  private final List<Phase> phases = new ArrayList<>();
  private String current;
  private Sample start;

  /** Ends the current phase, if any, and starts the named one. */
  void begin(String name) {
    end();
    current = name;
    start = sample();
  }

  /**
   * Ends the current phase; returns it, or null when none was running or /proc/stat is unreadable.
   */
  Phase end() {
    if (current == null || start == null) {
      current = null;
      return null;
    }
    Sample now = sample();
    Phase p = null;
    double wall = (now.wallNanos() - start.wallNanos()) / 1e9;
    long total = now.totalTicks() - start.totalTicks();
    if (now.totalTicks() > 0 && total > 0 && wall > 0) {
      double busyCores = (double) (now.busyTicks() - start.busyTicks()) / total * cores;
      double own = (now.processNanos() - start.processNanos()) / 1e9 / wall;
      p = new Phase(current, wall, own, Math.max(0, busyCores - own));
      phases.add(p);
    }
    current = null;
    return p;
  }

  List<Phase> phases() {
    return List.copyOf(phases);
  }

  ArrayNode toJson() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Phase p : phases) {
      ObjectNode o = a.addObject();
      o.put("phase", p.name());
      o.put("seconds", p.seconds());
      o.put("cores_used_by_bench", p.ownCores());
      o.put("cores_used_by_other_processes", p.otherCores());
    }
    return a;
  }

  private static Sample sample() {
    long wall = System.nanoTime();
    long busy = 0;
    long total = 0;
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...: idle and iowait are not busy
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        long v = Long.parseLong(f[i]);
        total += v;
        if (i != 4 && i != 5) {
          busy += v;
        }
      }
    } catch (IOException | RuntimeException e) {
      total = 0;
    }
    long process =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime()
            : 0;
    return new Sample(wall, busy, total, process);
  }
}

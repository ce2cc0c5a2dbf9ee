package sparkmlp.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Operations on trees of OS processes, through {@link ProcessHandle}. */
final class ProcessTrees {

  private ProcessTrees() {}

  /**
   * The process and all its descendants, deepest first, so that killing in order leaves no orphan
   * to reparent.
   */
  static List<ProcessHandle> descendantsAndSelf(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.sort(Comparator.comparingInt(ProcessTrees::depthBelowInit).reversed());
    tree.add(root);
    return tree;
  }

  /** SIGKILL for each process still alive, then waits for all of them. */
  static void killAll(List<ProcessHandle> processes, Duration timeout) {
    processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : processes) {
      ManagedProcess.awaitGone(p, timeout);
    }
  }

  /**
   * The process's full command line. {@code ProcessHandle.Info.commandLine()} is empty for some
   * processes on Linux, so this falls back to {@code /proc/PID/cmdline}.
   */
  static String commandLine(ProcessHandle process) {
    String fromInfo = process.info().commandLine().orElse("");
    if (!fromInfo.isEmpty()) {
      return fromInfo;
    }
    Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      return Files.exists(proc)
          ? Files.readString(proc, StandardCharsets.UTF_8).replace('\0', ' ').trim()
          : "";
    } catch (IOException e) {
      return ""; // The process ended while we looked: it has no command line any more.
    }
  }

  /** All processes whose command line contains {@code fragment}. */
  static Stream<ProcessHandle> withCommandLineContaining(String fragment) {
    return ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(fragment));
  }

  private static int depthBelowInit(ProcessHandle process) {
    int depth = 0;
    for (ProcessHandle p = process; p.parent().isPresent() && depth < 64; p = p.parent().get()) {
      depth++;
    }
    return depth;
  }
}

package sparkmlp.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress lines on the console, each stamped with the time since the benchmark started; each
 * section is a phase of the {@link CpuMonitor}, and a section whose timings other processes
 * disturbed says so.
 */
final class Progress {
  private final PrintStream out;
  private final long started = System.nanoTime();
  private final CpuMonitor cpu = new CpuMonitor();

  Progress(PrintStream out) {
    this.out = out;
  }

  PrintStream out() {
    return out;
  }

  CpuMonitor cpu() {
    return cpu;
  }

  /** Starts a section (and a CPU phase named {@code phase}), ending the previous one. */
  void section(String phase, String title) {
    endSection();
    out.println();
    line("== " + title + " ==");
    cpu.begin(phase);
  }

  /** Ends the current section, reporting if other processes were busy during it. */
  void endSection() {
    CpuMonitor.Phase p = cpu.end();
    if (p != null && p.otherCores() > CpuMonitor.BUSY_THRESHOLD) {
      line(
          "  warning: other processes used %.2f cores on average during '%s' (%.0f s): its timings are not this"
              + " machine's",
          p.otherCores(), p.name(), p.seconds());
    }
  }

  void line(String message) {
    double s = (System.nanoTime() - started) / 1e9;
    out.printf(Locale.ROOT, "[%3d:%02d] %s%n", (long) s / 60, (long) s % 60, message);
    out.flush();
  }

  void line(String format, Object... args) {
    line(String.format(Locale.ROOT, format, args));
  }
}

package sparkmlp.spark.report;

import java.io.PrintStream;
import java.util.Locale;
import sparkmlp.core.train.EpochMetrics;
import sparkmlp.core.train.TrainingListener;
import sparkmlp.core.train.TrainingState;

/**
 * Progress people can follow: one line per epoch (loss, validation loss and accuracy, examples per
 * second, elapsed time, ETA) on stdout, and, when enabled, a progress bar inside the epoch on
 * stderr.
 */
public final class ConsoleReporter implements TrainingListener {
  private final PrintStream out;
  private final PrintStream bar;
  private final int epochs;
  private final long started = System.nanoTime();
  private long lastBar;

  /** Whether the progress bar is on its line now (a step drew it, no epoch line cleared it). */
  private boolean barShown;

  /** {@code bar}: where the in-epoch progress bar goes, or null for none. */
  public ConsoleReporter(PrintStream out, PrintStream bar, int epochs) {
    this.out = out;
    this.bar = bar;
    this.epochs = epochs;
  }

  @Override
  public void onStep(TrainingState state, int stepsPerEpoch) {
    if (bar == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastBar < 200_000_000L) {
      return;
    }
    lastBar = now;
    int width = 30;
    int filled = (int) ((long) width * state.step / stepsPerEpoch);
    double loss = state.epochCount == 0 ? Double.NaN : state.epochLossSum / state.epochCount;
    bar.printf(
        Locale.ROOT,
        "\repoch %d/%d [%s%s] %d/%d loss %.4f ",
        state.epoch + 1,
        epochs,
        "=".repeat(filled),
        " ".repeat(width - filled),
        state.step,
        stepsPerEpoch,
        loss);
    bar.flush();
    barShown = true;
  }

  @Override
  public void onEpoch(TrainingState state, EpochMetrics m) {
    endBar();
    double elapsed = (System.nanoTime() - started) / 1e9;
    int remaining = state.stopped ? 0 : epochs - m.epoch();
    double eta = m.seconds() * remaining;
    out.println(line(m, epochs, elapsed, eta));
    out.flush();
  }

  /**
   * Clears the progress bar's line if a step drew it: at each epoch's end, and when training stops
   * early (a failed run's {@code error:} line then starts a line of its own).
   */
  public void endBar() {
    if (barShown) {
      bar.print("\r" + " ".repeat(78) + "\r");
      bar.flush();
      barShown = false;
    }
  }

  /**
   * One epoch's line, e.g. {@code epoch 3/20 loss 0.4123 val_loss 0.3981 val_acc 0.8712 9,210 ex/s
   * 0:41 ETA 3:12}.
   */
  public static String line(EpochMetrics m, int epochs, double elapsedSeconds, double etaSeconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", m.epoch(), epochs, m.loss()));
    if (!Double.isNaN(m.valLoss())) {
      sb.append(String.format(Locale.ROOT, "  val_loss %.4f", m.valLoss()));
    }
    if (!Double.isNaN(m.valAccuracy())) {
      sb.append(String.format(Locale.ROOT, "  val_acc %.4f", m.valAccuracy()));
    }
    double rate = m.seconds() > 0 ? m.examples() / m.seconds() : 0;
    sb.append(
        String.format(
            Locale.ROOT,
            "  %,.0f ex/s  elapsed %s  ETA %s",
            rate,
            clock(elapsedSeconds),
            clock(etaSeconds)));
    return sb.toString();
  }

  /** A byte count in KiB below 1 MiB, else in MiB, e.g. {@code 3.2 MiB}. */
  public static String bytes(long b) {
    return b >= 1 << 20
        ? String.format(Locale.ROOT, "%.1f MiB", b / 1048576.0)
        : String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
  }

  /** Seconds as h:mm:ss or m:ss. */
  public static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}

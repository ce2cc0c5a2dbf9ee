package sparkmlp.spark.engine.link;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The driver's deadline on one exchange with the resident tasks (a step, the end of an epoch). A
 * blocking socket write has no timeout of its own, so when the deadline passes a timer thread ends
 * the links; whatever read or write waited on them then fails, and {@link #expired()} tells the
 * driver that this, not a lost task, is why.
 */
public final class StepDeadline implements AutoCloseable {
  private final long millis;
  private final ScheduledThreadPoolExecutor timer;
  private ScheduledFuture<?> pending;
  private volatile boolean expired;

  public StepDeadline(long millis) {
    this.millis = millis;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "mlp-resident-deadline");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  public long millis() {
    return millis;
  }

  /** Starts the deadline: {@code onExpiry} (ending the links) runs when it passes. */
  public void arm(Runnable onExpiry) {
    disarm();
    expired = false;
    pending =
        timer.schedule(
            () -> {
              expired = true;
              onExpiry.run();
            },
            millis,
            TimeUnit.MILLISECONDS);
  }

  /** The exchange finished (or failed for another reason) in time. */
  public void disarm() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  /** Whether the last armed deadline passed. */
  public boolean expired() {
    return expired;
  }

  @Override
  public void close() {
    disarm();
    timer.shutdownNow();
  }
}

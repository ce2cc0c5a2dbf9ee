package sparkmlp.spark.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkmlp.core.format.Json;

/**
 * An exclusive lock file on the local file system or HDFS (see {@link LockFiles}), safe when many
 * runs race for it:
 *
 * <ul>
 *   <li>Taking it is one atomic create-if-absent, written through the handle that created it.
 *   <li>The holder changes the file's modification time every fifth of the stale period (the
 *       heartbeat). Staleness is judged by the observer alone: a lock whose file has not changed
 *       for the stale period, measured on the observer's monotonic clock, belongs to a dead run. No
 *       two clocks are compared, so a holder whose clock is off is still alive while it beats.
 *   <li>A stale lock is taken over by renaming it to a fresh name, which only one observer can do;
 *       the winner checks that what it renamed is the file it judged stale (else it puts it back)
 *       and then creates its own, again by create-if-absent.
 *   <li>Each lock carries a generation (one more than the lock it took over) and a random owner
 *       token; {@link #check} before every commit verifies the file is still this one and that the
 *       heartbeat has not failed, so a run that lost its lock stops before it writes.
 * </ul>
 */
public final class RunLock implements AutoCloseable {
  /**
   * Who asks for a lock: a random owner token, what for (e.g. "run 2026-11-29"), after how long an
   * unchanged lock is stale, and the wall clock the heartbeat stamps.
   */
  private record Claim(String owner, String what, Duration stale, LongSupplier wallClock) {}

  private final LockFiles files;
  private final Path path;
  private final String owner;
  private final long generation;
  private final String what;
  private final LongSupplier wallClock;
  private final ScheduledExecutorService heartbeat;
  private volatile String lost;
  private long lastBeat;

  private RunLock(LockFiles files, Path path, Claim claim, long generation) {
    this.files = files;
    this.path = path;
    this.owner = claim.owner();
    this.generation = generation;
    this.what = claim.what();
    this.wallClock = claim.wallClock();
    this.lastBeat = wallClock.getAsLong();
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sparkmlp-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(5, claim.stale().toMillis() / 5);
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock at {@code file} for {@code what} (e.g. "run 2026-11-29"), taking over a stale
   * one (reported through {@code note}); throws {@link RunLockedException} once it sees a live
   * holder's heartbeat.
   */
  public static RunLock acquire(
      Configuration conf, String file, String what, Duration stale, Consumer<String> note) {
    return acquire(conf, file, what, stale, note, System::currentTimeMillis);
  }

  /** The same with the wall clock the heartbeat stamps (tests skew it). */
  static RunLock acquire(
      Configuration conf,
      String file,
      String what,
      Duration stale,
      Consumer<String> note,
      LongSupplier wallClock) {
    Path p = new Path(file);
    try {
      FileSystem fs = p.getFileSystem(conf);
      LockFiles files = LockFiles.of(fs);
      Claim claim = new Claim(UUID.randomUUID().toString(), what, stale, wallClock);
      long poll = Math.max(1, Math.min(250, stale.toMillis() / 10));
      LockFiles.Signature[] abandoned = {null};
      while (true) {
        if (files.create(p, body(claim, 1))) {
          return new RunLock(files, p, claim, 1);
        }
        LockFiles.Signature seen = files.look(p);
        if (seen == null) {
          continue; // released between our attempt and the look
        }
        long since = System.nanoTime();
        while (true) {
          sleep(poll);
          LockFiles.Signature now = files.look(p);
          if (now == null) {
            break; // released: try to create again
          }
          if (!LockFiles.same(now, seen)) {
            throw new RunLockedException(
                what
                    + " is already running: "
                    + file
                    + " is held by "
                    + describe(now)
                    + " (its heartbeat was seen; a lock unchanged for "
                    + span(stale)
                    + " is taken over)");
          }
          if (System.nanoTime() - since >= stale.toNanos()) {
            RunLock taken = takeOver(files, p, seen, abandoned, claim, note);
            if (taken != null) {
              return taken;
            }
            since = System.nanoTime(); // another observer is taking it over: watch again
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot take the lock: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the stale lock {@code seen} by ours: first claims generation g+1 by creating its
   * successor file {@code .NAME.gen-<g+1>} (create-if-absent, so one observer wins), checks the
   * lock is still the file judged stale, then renames the successor over it in one step. The lock
   * path never goes missing, so no newcomer can create it meanwhile. Null when another run won; a
   * successor left by a run that died while taking over is removed once it too has stayed unchanged
   * for a stale period ({@code abandoned}).
   */
  private static RunLock takeOver(
      LockFiles files,
      Path p,
      LockFiles.Signature seen,
      LockFiles.Signature[] abandoned,
      Claim claim,
      Consumer<String> note)
      throws IOException {
    long gen = generation(seen) + 1;
    Path next = new Path(p.getParent(), "." + p.getName() + ".gen-" + gen);
    if (!files.create(next, body(claim, gen))) {
      LockFiles.Signature other = files.look(next);
      if (other != null && LockFiles.same(other, abandoned[0])) {
        files.delete(next); // unchanged for a whole stale period: its taker died
        abandoned[0] = null;
      } else {
        abandoned[0] = other;
      }
      return null;
    }
    LockFiles.Signature now = files.look(p);
    if (now == null || !LockFiles.same(now, seen)) {
      files.delete(next); // released, or alive after all
      return null;
    }
    if (!files.replace(next, p)) {
      return null;
    }
    LockFiles.Signature mine = files.look(p);
    if (mine == null || !claim.owner().equals(holder(mine).path("owner").asText())) {
      return null;
    }
    note.accept(
        "taking over the stale lock "
            + p
            + " of "
            + describe(seen)
            + ": unchanged for "
            + span(claim.stale()));
    return new RunLock(files, p, claim, gen);
  }

  /**
   * The same, waiting up to {@code patience} for a live holder to finish (for short critical
   * sections such as a registry commit).
   */
  public static RunLock acquireWaiting(
      Configuration conf,
      String file,
      String what,
      Duration stale,
      Duration patience,
      Consumer<String> note) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        return acquire(conf, file, what, stale, note);
      } catch (RunLockedException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        sleep(Math.max(1, Math.min(200, stale.toMillis() / 10)));
      }
    }
  }

  /** This lock's generation: one more than the lock it took over, 1 for a fresh one. */
  public long generation() {
    return generation;
  }

  /**
   * The fencing check before a commit: throws {@link LockLostException} when the heartbeat failed
   * or the lock file is no longer this run's (taken over by another).
   */
  public void check() {
    String why = lost;
    if (why == null) {
      try {
        LockFiles.Signature s = files.look(path);
        if (s == null || !owner.equals(holder(s).path("owner").asText())) {
          why = "it was taken over by another run";
        }
      } catch (IOException | RuntimeException e) {
        why = "cannot read it: " + e.getMessage();
      }
    }
    if (why != null) {
      throw new LockLostException(
          what + " lost its lock " + path + " (" + why + "); stopping before writing anything");
    }
  }

  private synchronized void beat() {
    if (lost != null) {
      return;
    }
    try {
      LockFiles.Signature s = files.look(path);
      if (s == null || !owner.equals(holder(s).path("owner").asText())) {
        lost = "it was taken over by another run";
        return;
      }
      // A value the file has not had, whatever the clock says: observers only look for change.
      lastBeat = Math.max(wallClock.getAsLong(), lastBeat + 1000);
      files.touch(path, lastBeat);
    } catch (IOException | RuntimeException e) {
      lost = "its heartbeat failed: " + e.getMessage();
    }
  }

  /** Stops the heartbeat and deletes the lock if it is still ours. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      LockFiles.Signature s = files.look(path);
      if (s != null && owner.equals(holder(s).path("owner").asText())) {
        files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot release the lock: " + e.getMessage(), e);
    }
  }

  private static byte[] body(Claim claim, long generation) throws IOException {
    ObjectNode holder = Json.MAPPER.createObjectNode();
    holder.put("owner", claim.owner());
    holder.put("generation", generation);
    holder.put("for", claim.what());
    holder.put("process", ManagementFactory.getRuntimeMXBean().getName());
    holder.put("acquired", Instant.ofEpochMilli(claim.wallClock().getAsLong()).toString());
    return Json.MAPPER.writeValueAsBytes(holder);
  }

  private static JsonNode holder(LockFiles.Signature s) {
    try {
      JsonNode n = Json.MAPPER.readTree(s.content());
      return n == null ? Json.MAPPER.missingNode() : n;
    } catch (IOException e) {
      return Json.MAPPER.missingNode(); // not (yet) a whole lock file
    }
  }

  private static long generation(LockFiles.Signature s) {
    return Math.max(0, holder(s).path("generation").asLong(0));
  }

  private static String describe(LockFiles.Signature s) {
    JsonNode holder = holder(s);
    if (!holder.has("process")) {
      return "another run";
    }
    return holder.path("process").asText() + " since " + holder.path("acquired").asText();
  }

  private static String span(Duration d) {
    return d.toMillis() % 60_000 == 0 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunLockedException("interrupted while waiting for a lock");
    }
  }
}

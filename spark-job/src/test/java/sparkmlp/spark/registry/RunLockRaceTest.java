package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many contenders for one lock, with a fake "train" critical section: exactly one trains in every
 * round, whatever the contenders' clocks say, and a live holder in another JVM whose clock is an
 * hour behind is never taken over while it beats.
 */
class RunLockRaceTest {
  private static final int CONTENDERS = 4;
  private static final long HOUR = 3_600_000;
  private static final int ROUNDS = 200;

  /**
   * Lock files raced for at the same time, each by its own four contenders for {@code ROUNDS /
   * LANES} rounds one after another: a round mostly waits out the stale period, so a hundred lanes
   * cost little more than one.
   */
  private static final int LANES = 100;

  /**
   * A contender that first looks after the takeover (it was starved since the round's start) takes
   * the live winner for dead only if the winner's heartbeat, every fifth of this, is also starved
   * for most of it. 100 ms was not enough on a loaded 2-core machine (two holders in a round), nor
   * was 1 s at a load average of 40.
   */
  private static final Duration STALE = Duration.ofSeconds(3);

  /** One contender's clock: one an hour behind, one an hour ahead, the rest right. */
  private static long offset(int i) {
    return i == 0 ? -HOUR : i == 1 ? HOUR : 0;
  }

  /** Leaves a lock of a dead run: no heartbeat, a modification time an hour in the future. */
  private static void deadLock(Path file, int round) throws Exception {
    Files.writeString(
        file,
        "{\"owner\":\"dead-"
            + round
            + "\",\"generation\":"
            + round
            + ",\"process\":\"1@gone\",\"acquired\":\"2026-11-28T02:00:00Z\"}");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + HOUR));
  }

  /** Runs one round; returns how many trained (passed the fencing check in the section). */
  private static int round(String file, Duration stale, List<Throwable> unexpected)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(CONTENDERS);
    CountDownLatch tried = new CountDownLatch(CONTENDERS);
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger trained = new AtomicInteger();
    AtomicInteger holders = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CONTENDERS; i++) {
      long off = offset(i);
      Thread t =
          new Thread(
              () -> {
                RunLock lock = null;
                try {
                  start.await();
                  try {
                    lock =
                        RunLock.acquire(
                            new Configuration(),
                            file,
                            "run r",
                            stale,
                            n -> {},
                            () -> System.currentTimeMillis() + off);
                    holders.incrementAndGet();
                  } catch (RunLockedException e) {
                    // refused: a live holder was seen
                  } finally {
                    tried.countDown();
                  }
                  if (lock != null) {
                    tried.await(); // hold the lock until every contender has tried
                    if (inside.incrementAndGet() != 1) {
                      unexpected.add(new AssertionError("two contenders inside"));
                    }
                    lock.check(); // the fenced "commit"
                    trained.incrementAndGet();
                    inside.decrementAndGet();
                    lock.close();
                  }
                } catch (Throwable e) {
                  unexpected.add(e);
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(1, holders.get(), "lock holders in one round");
    return trained.get();
  }

  @Test
  void exactlyOneOfFourContendersTakesOverADeadLockInEachOf200Rounds(@TempDir Path dir)
      throws Throwable {
    Files.createDirectories(dir.resolve("locks"));
    int perLane = ROUNDS / LANES;
    ExecutorService lanes = Executors.newFixedThreadPool(LANES);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int l = 0; l < LANES; l++) {
        Path file = dir.resolve("locks/r" + l + ".lock");
        int first = l * perLane;
        done.add(
            lanes.submit(
                () -> {
                  for (int r = first; r < first + perLane; r++) {
                    raceForADeadLock(file, r);
                  }
                  return null;
                }));
      }
      for (Future<?> lane : done) {
        try {
          lane.get();
        } catch (ExecutionException e) {
          throw e.getCause();
        }
      }
    } finally {
      lanes.shutdownNow();
    }
  }

  /** Round {@code r}: four contenders, one dead lock; exactly one trains, and it releases. */
  private static void raceForADeadLock(Path file, int r) throws Exception {
    deadLock(file, r);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    assertEquals(1, round(file.toString(), STALE, errors), "round " + r);
    assertEquals(List.of(), errors, "round " + r);
    assertTrue(Files.notExists(file), "released in round " + r);
  }

  @Test
  void aLiveHolderInAnotherJvmWithASkewedClockIsNeverTakenOverAndADeadOneOnce(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("locks/p.lock");
    long stale = 1500;
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderMain.class.getName(),
                file.toString(),
                Long.toString(stale),
                Long.toString(-HOUR))
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("held")) {}
      assertEquals("held 1", line);
      // Its modification time is an hour old by our clock; its heartbeat keeps it alive.
      for (int i = 0; i < CONTENDERS; i++) {
        RunLockedException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                RunLockedException.class,
                () ->
                    RunLock.acquire(
                        new Configuration(),
                        file.toString(),
                        "run p",
                        Duration.ofMillis(stale),
                        n -> {}));
        assertTrue(e.getMessage().startsWith("run p is already running: "), e.getMessage());
      }
    } finally {
      holder.destroyForcibly().waitFor();
    }
    // Killed: its lock stays behind, unchanged; exactly one contender takes it over.
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    assertEquals(1, round(file.toString(), Duration.ofMillis(stale), errors));
    assertEquals(List.of(), errors);
  }
}

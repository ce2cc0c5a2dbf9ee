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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
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
      throws Exception {
    Path file = dir.resolve("locks/r.lock");
    Files.createDirectories(file.getParent());
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    for (int r = 0; r < 200; r++) {
      deadLock(file, r);
      List<Throwable> sink = new java.util.concurrent.CopyOnWriteArrayList<>();
      // 100 ms: well above the scheduling jitter of a loaded 2-core machine, so a live winner's
      // heartbeat (every 20 ms) is always seen.
      assertEquals(1, round(file.toString(), Duration.ofMillis(100), sink), "round " + r);
      errors.addAll(sink);
      assertEquals(List.of(), List.copyOf(errors), "round " + r);
      assertTrue(Files.notExists(file), "released in round " + r);
    }
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
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    assertEquals(1, round(file.toString(), Duration.ofMillis(stale), errors));
    assertEquals(List.of(), errors);
  }
}

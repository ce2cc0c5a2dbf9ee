package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock on the local file system: exclusive, released, and taken over when stale. */
class RunLockTest {
  private static final Duration STALE = Duration.ofMinutes(10);

  @Test
  void aHeldLockRefusesASecondHolderUntilReleased(@TempDir Path dir) {
    String file = dir.resolve("locks/r.lock").toString();
    List<String> notes = new ArrayList<>();
    RunLock first = RunLock.acquire(new Configuration(), file, "run r", STALE, notes::add);
    RunLockedException e =
        assertThrows(
            RunLockedException.class,
            () -> RunLock.acquire(new Configuration(), file, "run r", STALE, notes::add));
    assertTrue(e.getMessage().startsWith("run r is already running: " + file + " is held by "));
    first.close();
    assertFalse(Files.exists(Path.of(file)));
    RunLock.acquire(new Configuration(), file, "run r", STALE, notes::add).close();
    assertEquals(List.of(), notes);
  }

  @Test
  void aLockWithoutHeartbeatForLongerThanTheStalePeriodIsTakenOver(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("r.lock");
    Files.writeString(
        file, "{\"owner\":\"x\",\"process\":\"4242@gone\",\"acquired\":\"2026-11-28T02:00:00Z\"}");
    Files.setLastModifiedTime(
        file, FileTime.fromMillis(System.currentTimeMillis() - Duration.ofMinutes(11).toMillis()));
    List<String> notes = new ArrayList<>();
    try (RunLock lock =
        RunLock.acquire(new Configuration(), file.toString(), "run r", STALE, notes::add)) {
      assertEquals(1, notes.size());
      assertTrue(
          notes
              .get(0)
              .matches(
                  "taking over the stale lock "
                      + java.util.regex.Pattern.quote(file.toString())
                      + " of 4242@gone since 2026-11-28T02:00:00Z: no heartbeat for 66\\d s \\(stale"
                      + " after 10 min\\)"),
          notes.get(0));
      assertFalse(Files.readString(file).contains("4242@gone"));
    }
  }

  @Test
  void aLockYoungerThanTheStalePeriodIsRespected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.lock");
    Files.writeString(
        file, "{\"owner\":\"x\",\"process\":\"4242@busy\",\"acquired\":\"2026-11-28T02:00:00Z\"}");
    Files.setLastModifiedTime(
        file, FileTime.fromMillis(System.currentTimeMillis() - Duration.ofMinutes(9).toMillis()));
    RunLockedException e =
        assertThrows(
            RunLockedException.class,
            () -> RunLock.acquire(new Configuration(), file.toString(), "run r", STALE, n -> {}));
    assertTrue(
        e.getMessage()
            .matches(
                "run r is already running: "
                    + java.util.regex.Pattern.quote(file.toString())
                    + " is held by 4242@busy since 2026-11-28T02:00:00Z, last heartbeat 54\\d s ago"
                    + " \\(a lock without heartbeat for 10 min is taken over\\)"),
        e.getMessage());
    assertTrue(Files.readString(file).contains("4242@busy"));
  }
}

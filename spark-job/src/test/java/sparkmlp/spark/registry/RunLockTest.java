package sparkmlp.spark.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run lock on the local file system: exclusive, released, taken over when unchanged for the
 * stale period (whatever its modification time says), fenced, and never written through a link.
 */
class RunLockTest {
  private static final Duration STALE = Duration.ofMillis(500);

  @Test
  void aHeldLockRefusesASecondHolderUntilReleased(@TempDir Path dir) {
    String file = dir.resolve("locks/r.lock").toString();
    List<String> notes = new ArrayList<>();
    RunLock first = RunLock.acquire(new Configuration(), file, "run r", STALE, notes::add);
    assertEquals(1, first.generation());
    RunLockedException e =
        assertThrows(
            RunLockedException.class,
            () -> RunLock.acquire(new Configuration(), file, "run r", STALE, notes::add));
    assertTrue(
        e.getMessage().startsWith("run r is already running: " + file + " is held by "),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith("(its heartbeat was seen; a lock unchanged for 0.5 s is taken over)"),
        e.getMessage());
    first.check();
    first.close();
    assertFalse(Files.exists(Path.of(file)));
    RunLock.acquire(new Configuration(), file, "run r", STALE, notes::add).close();
    assertEquals(List.of(), notes);
  }

  @Test
  void aLockUnchangedForTheStalePeriodIsTakenOverEvenWithAFutureModificationTime(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("r.lock");
    Files.writeString(
        file,
        "{\"owner\":\"x\",\"generation\":7,\"process\":\"4242@gone\","
            + "\"acquired\":\"2026-11-28T02:00:00Z\"}");
    // Its clock ran an hour ahead: comparing clocks would call it fresh for an hour.
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
    List<String> notes = new ArrayList<>();
    try (RunLock lock =
        RunLock.acquire(new Configuration(), file.toString(), "run r", STALE, notes::add)) {
      assertEquals(
          List.of(
              "taking over the stale lock "
                  + file
                  + " of 4242@gone since 2026-11-28T02:00:00Z: unchanged for 0.5 s"),
          notes);
      assertEquals(8, lock.generation());
      assertFalse(Files.readString(file).contains("4242@gone"));
      lock.check();
    }
    assertEquals(List.of(), List.of(dir.toFile().list()));
  }

  @Test
  void aHolderWhoseLockWasReplacedFailsItsFencingCheck(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.lock");
    RunLock lock = RunLock.acquire(new Configuration(), file.toString(), "run r", STALE, n -> {});
    Files.delete(file);
    Files.writeString(file, "{\"owner\":\"someone-else\",\"generation\":2}");
    LockLostException e = assertThrows(LockLostException.class, lock::check);
    assertEquals(
        "run r lost its lock "
            + file
            + " (it was taken over by another run); stopping before writing anything",
        e.getMessage());
    lock.close();
    assertTrue(Files.readString(file).contains("someone-else"), "not ours: left in place");
  }

  @Test
  void aSymbolicLinkAtTheLockPathIsNeitherFollowedNorWritten(@TempDir Path dir) throws Exception {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "precious");
    Path file = dir.resolve("r.lock");
    Files.createSymbolicLink(file, victim);
    assertThrows(
        UncheckedIOException.class,
        () -> RunLock.acquire(new Configuration(), file.toString(), "run r", STALE, n -> {}));
    assertEquals("precious", Files.readString(victim));
  }

  @Test
  void aFailedWriteOfOnesOwnLockIsReportedAsSuchAndLeavesNoFile() {
    // Hadoop's side of the lock files: the lock is created, then writing it fails (a full disk)
    Configuration conf = new Configuration();
    conf.set("fs.failwrite.impl", FailingWrites.class.getName());
    conf.setBoolean("fs.failwrite.impl.disable.cache", true);
    String file = "failwrite:///locks/r.lock";
    FailingWrites.deleted.clear();
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> RunLock.acquire(conf, file, "run r", STALE, note -> {}));
    assertEquals(
        file
            + ": cannot take the lock: cannot write the lock file failwrite:/locks/r.lock:"
            + " No space left on device",
        e.getMessage());
    assertEquals(List.of("failwrite:/locks/r.lock"), FailingWrites.deleted);
  }

  /** A file system whose files can be created but not written, as on a full disk. */
  public static final class FailingWrites extends org.apache.hadoop.fs.FileSystem {
    static final List<String> deleted = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public java.net.URI getUri() {
      return java.net.URI.create("failwrite:///");
    }

    @Override
    public org.apache.hadoop.fs.FSDataInputStream open(org.apache.hadoop.fs.Path f, int buffer)
        throws java.io.IOException {
      throw new java.io.FileNotFoundException(f.toString());
    }

    @Override
    public org.apache.hadoop.fs.FSDataOutputStream create(
        org.apache.hadoop.fs.Path f,
        org.apache.hadoop.fs.permission.FsPermission permission,
        boolean overwrite,
        int bufferSize,
        short replication,
        long blockSize,
        org.apache.hadoop.util.Progressable progress) {
      java.io.OutputStream full =
          new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
              throw new java.io.IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
              throw new java.io.IOException("No space left on device");
            }
          };
      return new org.apache.hadoop.fs.FSDataOutputStream(full, null);
    }

    @Override
    public org.apache.hadoop.fs.FSDataOutputStream append(
        org.apache.hadoop.fs.Path f, int bufferSize, org.apache.hadoop.util.Progressable progress)
        throws java.io.IOException {
      throw new java.io.IOException("append is not supported");
    }

    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) {
      return false;
    }

    @Override
    public boolean delete(org.apache.hadoop.fs.Path f, boolean recursive) {
      deleted.add(f.toString());
      return true;
    }

    @Override
    public org.apache.hadoop.fs.FileStatus[] listStatus(org.apache.hadoop.fs.Path f) {
      return new org.apache.hadoop.fs.FileStatus[0];
    }

    @Override
    public void setWorkingDirectory(org.apache.hadoop.fs.Path dir) {}

    @Override
    public org.apache.hadoop.fs.Path getWorkingDirectory() {
      return new org.apache.hadoop.fs.Path("/");
    }

    @Override
    public boolean mkdirs(
        org.apache.hadoop.fs.Path f, org.apache.hadoop.fs.permission.FsPermission permission) {
      return true;
    }

    @Override
    public org.apache.hadoop.fs.FileStatus getFileStatus(org.apache.hadoop.fs.Path f)
        throws java.io.IOException {
      throw new java.io.FileNotFoundException(f.toString());
    }
  }
}

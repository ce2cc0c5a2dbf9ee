package sparkmlp.spark.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import sparkmlp.core.format.Json;

/**
 * An exclusive lock file on any Hadoop file system. Taking it is one atomic create-if-absent: on
 * HDFS {@code create(path, overwrite=false)}, which the NameNode refuses when the file exists; on
 * the local file system {@code O_EXCL} through java.nio (Hadoop's local {@code create} checks then
 * creates, which two processes can both pass). The holder touches the file's modification time
 * every quarter of the stale period (a heartbeat); a lock whose modification time is older than the
 * stale period belongs to a dead run and is deleted and taken again, still by an atomic create, so
 * of several runs taking over at once exactly one wins.
 */
public final class RunLock implements AutoCloseable {
  private final FileSystem fs;
  private final Path path;
  private final String owner;
  private final ScheduledExecutorService heartbeat;

  private RunLock(FileSystem fs, Path path, String owner, Duration stale) {
    this.fs = fs;
    this.path = path;
    this.owner = owner;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sparkmlp-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1000, stale.toMillis() / 4);
    heartbeat.scheduleAtFixedRate(this::touch, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock at {@code file} for {@code what} (e.g. "run 2026-11-29"), taking over a stale
   * one (reported through {@code note}); throws {@link RunLockedException} when a live run holds
   * it.
   */
  public static RunLock acquire(
      Configuration conf, String file, String what, Duration stale, Consumer<String> note) {
    Path p = new Path(file);
    try {
      FileSystem fs = p.getFileSystem(conf);
      String owner = UUID.randomUUID().toString();
      if (create(fs, p, owner, what)) {
        return new RunLock(fs, p, owner, stale);
      }
      FileStatus status = statusOrNull(fs, p);
      if (status == null) {
        // Released between our attempt and the look: one more try, still atomic.
        if (create(fs, p, owner, what)) {
          return new RunLock(fs, p, owner, stale);
        }
        status = statusOrNull(fs, p);
      }
      JsonNode holder = readHolder(fs, p);
      long ageMillis =
          status == null ? 0 : System.currentTimeMillis() - status.getModificationTime();
      if (status != null && ageMillis > stale.toMillis()) {
        note.accept(
            "taking over the stale lock "
                + file
                + " of "
                + describe(holder)
                + ": no heartbeat for "
                + ageMillis / 1000
                + " s (stale after "
                + span(stale)
                + ")");
        FileStatus again = statusOrNull(fs, p);
        if (again != null && again.getModificationTime() == status.getModificationTime()) {
          fs.delete(p, false);
        }
        if (create(fs, p, owner, what)) {
          return new RunLock(fs, p, owner, stale);
        }
        holder = readHolder(fs, p);
        ageMillis = 0;
      }
      throw new RunLockedException(
          what
              + " is already running: "
              + file
              + " is held by "
              + describe(holder)
              + ", last heartbeat "
              + ageMillis / 1000
              + " s ago (a lock without heartbeat for "
              + span(stale)
              + " is taken over)");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot take the lock: " + e.getMessage(), e);
    }
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
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Atomic create-if-absent with the holder's description inside; false when it exists. */
  private static boolean create(FileSystem fs, Path p, String owner, String what)
      throws IOException {
    ObjectNode holder = Json.MAPPER.createObjectNode();
    holder.put("owner", owner);
    holder.put("for", what);
    holder.put("process", ManagementFactory.getRuntimeMXBean().getName());
    holder.put("acquired", Instant.now().toString());
    byte[] body = Json.MAPPER.writeValueAsBytes(holder);
    if (isLocal(fs)) {
      java.nio.file.Path file = Paths.get(fs.makeQualified(p).toUri());
      Files.createDirectories(file.toAbsolutePath().getParent());
      try {
        Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      Files.write(file, body);
      return true;
    }
    fs.mkdirs(p.getParent());
    try (OutputStream out = fs.create(p, false)) {
      out.write(body);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(p)) {
        return false; // HDFS reports a held lease or an existing file as a plain IOException
      }
      throw e;
    }
    return true;
  }

  private void touch() {
    try {
      long now = System.currentTimeMillis();
      if (isLocal(fs)) {
        Files.setLastModifiedTime(
            Paths.get(fs.makeQualified(path).toUri()), FileTime.fromMillis(now));
      } else {
        fs.setTimes(path, now, -1);
      }
    } catch (IOException | RuntimeException e) {
      // A missed heartbeat only brings the lock closer to stale; the next one may succeed.
    }
  }

  /** Stops the heartbeat and deletes the lock if it is still ours. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      JsonNode holder = readHolder(fs, path);
      if (holder != null && owner.equals(holder.path("owner").asText())) {
        fs.delete(path, false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot release the lock: " + e.getMessage(), e);
    }
  }

  private static FileStatus statusOrNull(FileSystem fs, Path p) throws IOException {
    try {
      return fs.getFileStatus(p);
    } catch (java.io.FileNotFoundException e) {
      return null;
    }
  }

  private static JsonNode readHolder(FileSystem fs, Path p) {
    try (InputStream in = fs.open(p)) {
      return Json.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return null; // gone, or still being written
    }
  }

  private static String describe(JsonNode holder) {
    if (holder == null || holder.isMissingNode() || !holder.has("process")) {
      return "another run";
    }
    return holder.path("process").asText() + " since " + holder.path("acquired").asText();
  }

  private static String span(Duration d) {
    return d.toMillis() % 60_000 == 0 ? d.toMinutes() + " min" : d.toMillis() / 1000.0 + " s";
  }

  private static boolean isLocal(FileSystem fs) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
  }
}

package sparkmlp.spark.registry;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Set;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import sparkmlp.spark.io.AtomicFiles;

/**
 * The file operations a {@link RunLock} is built from, each atomic on its file system: create-if-
 * absent written through the one handle that created the file, and rename over an existing name.
 * Local files go through java.nio without following links (Hadoop's local file system checks then
 * creates); any other file system through Hadoop, where HDFS gives these guarantees (object stores
 * do not and are refused for the registry).
 */
abstract class LockFiles {
  /** A lock file is a few hundred bytes; more is not a lock file. */
  static final int MAX_BYTES = 64 << 10;

  /**
   * What an observer compares between looks: any difference means the holder is alive.
   *
   * @param content the file's bytes as text
   */
  record Signature(long modified, long size, Object fileKey, String content) {}

  static LockFiles of(FileSystem fs) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem
        ? new Local(fs)
        : new Hadoop(fs);
  }

  /**
   * Creates {@code p} with {@code body} if absent; false if it exists. A failure after creating it
   * removes it and is thrown as this run's own failure.
   */
  abstract boolean create(Path p, byte[] body) throws IOException;

  /** The signature of {@code p}, or null when it does not exist. */
  abstract Signature look(Path p) throws IOException;

  /** Sets the modification time of {@code p}. */
  abstract void touch(Path p, long millis) throws IOException;

  /**
   * Renames {@code from} over {@code to} in one step ({@code to} never goes missing); false when
   * {@code from} is gone.
   */
  abstract boolean replace(Path from, Path to) throws IOException;

  abstract void delete(Path p) throws IOException;

  private static final class Local extends LockFiles {
    private final FileSystem fs;

    Local(FileSystem fs) {
      this.fs = fs;
    }

    private java.nio.file.Path file(Path p) {
      return Paths.get(fs.makeQualified(p).toUri());
    }

    @Override
    boolean create(Path p, byte[] body) throws IOException {
      java.nio.file.Path f = file(p);
      Files.createDirectories(f.toAbsolutePath().getParent());
      SeekableByteChannel ch;
      try {
        // O_CREAT|O_EXCL: fails on an existing name, a symbolic link included.
        ch =
            Files.newByteChannel(
                f,
                Set.<OpenOption>of(
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS),
                AtomicFiles.localPermissions(fs.getConf()));
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      try (ch) {
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(f);
        throw new IOException("cannot write the lock file " + f + ": " + e.getMessage(), e);
      }
      return true;
    }

    @Override
    Signature look(Path p) throws IOException {
      java.nio.file.Path f = file(p);
      try (SeekableByteChannel ch =
          Files.newByteChannel(
              f, Set.<OpenOption>of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
        BasicFileAttributes a =
            Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(MAX_BYTES, Math.max(0, ch.size())));
        while (b.hasRemaining() && ch.read(b) > 0) {}
        return new Signature(
            a.lastModifiedTime().toMillis(),
            a.size(),
            a.fileKey(),
            new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    @Override
    void touch(Path p, long millis) throws IOException {
      Files.getFileAttributeView(file(p), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(FileTime.fromMillis(millis), null, null);
    }

    @Override
    boolean replace(Path from, Path to) throws IOException {
      try {
        Files.move(file(from), file(to), StandardCopyOption.ATOMIC_MOVE); // rename(2)
        return true;
      } catch (NoSuchFileException e) {
        return false;
      }
    }

    @Override
    void delete(Path p) throws IOException {
      Files.deleteIfExists(file(p));
    }
  }

  private static final class Hadoop extends LockFiles {
    private final FileSystem fs;

    Hadoop(FileSystem fs) {
      this.fs = fs;
    }

    @Override
    boolean create(Path p, byte[] body) throws IOException {
      fs.mkdirs(p.getParent());
      OutputStream out;
      try {
        out = fs.create(p, false);
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        if (fs.exists(p)) {
          return false; // HDFS reports a held lease or an existing file as a plain IOException
        }
        throw e;
      }
      try (out) {
        out.write(body);
      } catch (IOException | RuntimeException e) {
        fs.delete(p, false);
        throw new IOException("cannot write the lock file " + p + ": " + e.getMessage(), e);
      }
      AtomicFiles.applyPermissions(fs, p);
      return true;
    }

    @Override
    Signature look(Path p) throws IOException {
      try {
        FileStatus s = fs.getFileStatus(p);
        if (s.getLen() > MAX_BYTES) {
          throw new IOException(p + ": " + s.getLen() + " bytes is not a lock file");
        }
        try (InputStream in = fs.open(p)) {
          byte[] b = in.readNBytes(MAX_BYTES);
          return new Signature(
              s.getModificationTime(),
              s.getLen(),
              null,
              new String(b, java.nio.charset.StandardCharsets.UTF_8));
        }
      } catch (FileNotFoundException e) {
        return null;
      }
    }

    @Override
    void touch(Path p, long millis) throws IOException {
      fs.setTimes(p, millis, -1);
    }

    @Override
    boolean replace(Path from, Path to) throws IOException {
      try {
        // Atomic on HDFS; FileSystem.rename would refuse an existing target.
        FileContext.getFileContext(fs.getUri(), fs.getConf())
            .rename(from, to, Options.Rename.OVERWRITE);
        return true;
      } catch (FileNotFoundException e) {
        return false;
      }
    }

    @Override
    void delete(Path p) throws IOException {
      fs.delete(p, false);
    }
  }

  static boolean same(Signature a, Signature b) {
    return Objects.equals(a, b);
  }
}

package sparkmlp.spark.io;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Whole files on any Hadoop file system, written atomically: readers see the old content or the
 * new, never a part. The body writes a hidden temporary sibling ({@code .<name>.tmp-<random>}),
 * which is then renamed over the target; if anything fails the temporary is deleted and the target
 * is left as it was. I/O failures are {@link UncheckedIOException}s whose message names the path.
 */
public final class AtomicFiles {
  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

  /**
   * The Hadoop configuration key carrying {@code mlp.output.permissions} to every writer; the job
   * sets it from the config.
   */
  public static final String PERMISSIONS_KEY = "sparkmlp.output.permissions";

  /** Owner read-write, group read, others nothing. */
  public static final String DEFAULT_PERMISSIONS = "rw-r-----";

  private static final Pattern PERMISSIONS = Pattern.compile("([r-][w-][x-]){3}");

  private AtomicFiles() {}

  /** True when {@code text} is a permission string such as {@code rw-r-----}. */
  public static boolean validPermissions(String text) {
    return text != null && PERMISSIONS.matcher(text).matches();
  }

  /** The permissions written files get under {@code conf}. */
  static String permissions(Configuration conf) {
    String p = conf == null ? null : conf.get(PERMISSIONS_KEY);
    return validPermissions(p) ? p : DEFAULT_PERMISSIONS;
  }

  /**
   * The permissions as a creation attribute for java.nio, none where the file system has no POSIX
   * permissions.
   */
  public static FileAttribute<?>[] localPermissions(Configuration conf) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions(conf)))
    };
  }

  /**
   * Sets the configured permissions on {@code p} (the umask may have narrowed or, being lax,
   * widened them at creation); file systems without permissions (object stores) ignore it.
   */
  public static void applyPermissions(FileSystem fs, Path p) throws IOException {
    applyPermissions(fs.getConf(), fs, p);
  }

  private static void applyPermissions(Configuration conf, FileSystem fs, Path p)
      throws IOException {
    FsPermission perm = FsPermission.valueOf("-" + permissions(conf));
    try {
      fs.setPermission(p, perm);
    } catch (UnsupportedOperationException e) {
      // no permissions here
    }
  }

  private static void applyLocal(Configuration conf, java.nio.file.Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions(conf)));
    }
  }

  /**
   * Writes {@code path} with what {@code body} writes to the stream (which the body need not
   * close).
   */
  public static void write(Configuration conf, String path, IOConsumer<OutputStream> body) {
    Path target = new Path(path);
    try {
      FileSystem fs = target.getFileSystem(conf);
      if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
        writeLocal(conf, fs, target, body);
      } else {
        writeHadoop(conf, fs, target, body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} as UTF-8 to {@code path}. */
  public static void writeString(Configuration conf, String path, String text) {
    write(conf, path, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Opens {@code path} for reading; the caller closes the stream. */
  public static InputStream open(Configuration conf, String path) {
    Path p = new Path(path);
    try {
      return p.getFileSystem(conf).open(p);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(path + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The content of {@code path} decoded as UTF-8. */
  public static String readString(Configuration conf, String path) {
    try (InputStream in = open(conf, path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * The content of {@code path} as UTF-8, refused with one line naming the path when it is larger
   * than {@code maxBytes} (checked before anything is allocated or read).
   */
  public static String readString(Configuration conf, String path, long maxBytes) {
    Path p = new Path(path);
    try {
      long len = p.getFileSystem(conf).getFileStatus(p).getLen();
      if (len > maxBytes) {
        throw new InputException(
            path + ": " + len + " bytes, more than the " + maxBytes + " such a file may have");
      }
      try (InputStream in = open(conf, path)) {
        byte[] b = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8) + 1);
        if (b.length > maxBytes) {
          throw new InputException(path + ": grew past " + maxBytes + " bytes while being read");
        }
        return new String(b, StandardCharsets.UTF_8);
      }
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(path + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * {@code path} without trailing slashes, so that {@code path + "/" + name} names one entry:
   * {@code out/} and {@code out} are the same folder.
   */
  public static String withoutTrailingSlash(String path) {
    return TRAILING_SLASHES.matcher(path).replaceAll("");
  }

  /** True if {@code path} names an existing file or directory. */
  public static boolean exists(Configuration conf, String path) {
    Path p = new Path(path);
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot check: " + e.getMessage(), e);
    }
  }

  /**
   * The entries of directory {@code dir} in name order, hidden ones ({@code _*}, {@code .*}, {@code
   * *.crc}) left out, each as {@code dir + "/" + name}; empty if {@code dir} does not exist.
   */
  public static List<String> list(Configuration conf, String dir) {
    Path p = new Path(dir);
    String prefix = withoutTrailingSlash(dir) + "/";
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (FileStatus s : fs.listStatus(p)) {
        String name = s.getPath().getName();
        if (!InputPath.isHidden(name)) {
          names.add(name);
        }
      }
      names.sort(Comparator.naturalOrder());
      return names.stream().map(n -> prefix + n).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
    }
  }

  /** Deletes the file {@code path} if it exists; true if it did. */
  public static boolean delete(Configuration conf, String path) {
    Path p = new Path(path);
    try {
      return p.getFileSystem(conf).delete(p, false);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot delete: " + e.getMessage(), e);
    }
  }

  /**
   * The local case through java.nio: Hadoop's local {@code FileContext} implements a rename with
   * OVERWRITE as delete-then-rename (AbstractFileSystem.renameInternal), leaving a moment with no
   * target; POSIX rename(2) replaces it atomically. The data is forced to disk before the rename.
   */
  private static void writeLocal(
      Configuration conf, FileSystem fs, Path target, IOConsumer<OutputStream> body)
      throws IOException {
    java.nio.file.Path file = Paths.get(fs.makeQualified(target).toUri());
    java.nio.file.Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    java.nio.file.Path tmp = dir.resolve(temporaryName(file.getFileName().toString()));
    try {
      try (FileChannel channel =
              FileChannel.open(
                  tmp,
                  java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                  localPermissions(conf));
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
        body.accept(unclosable(out));
        out.flush();
        channel.force(true);
      }
      applyLocal(conf, tmp); // the umask may have narrowed them at creation
      // A checksum Hadoop's LocalFileSystem left for an older version would fail reads of the new
      // one.
      Files.deleteIfExists(dir.resolve("." + file.getFileName() + ".crc"));
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  /**
   * Any other file system: temporary through {@link FileSystem}, then {@link FileContext#rename}
   * with OVERWRITE (atomic on HDFS).
   */
  static void writeHadoop(
      Configuration conf, FileSystem fs, Path target, IOConsumer<OutputStream> body)
      throws IOException {
    Path qualified = fs.makeQualified(target);
    Path tmp = new Path(qualified.getParent(), temporaryName(qualified.getName()));
    try {
      try (FSDataOutputStream out = fs.create(tmp, false)) {
        body.accept(unclosable(out));
        out.hflush();
      }
      applyPermissions(conf, fs, tmp);
      FileContext.getFileContext(qualified.toUri(), conf)
          .rename(tmp, qualified, Options.Rename.OVERWRITE);
    } catch (IOException | RuntimeException | Error e) {
      try {
        fs.delete(tmp, false);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static String temporaryName(String name) {
    return "." + name + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  }

  /**
   * The stream as the body sees it: closing it only flushes, so the writer decides when the file is
   * complete.
   */
  private static OutputStream unclosable(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }
}

package sparkmlp.spark.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.util.VersionInfo;

/**
 * A path's Hadoop file system, or one line saying which connector its scheme needs when that is not
 * on the classpath. Hadoop knows {@code s3a}'s class name but fails with a bare {@code
 * ClassNotFoundException} when {@code hadoop-aws} is absent, and reports an unknown scheme such as
 * {@code gs} as {@code No FileSystem for scheme}; the in-process job has {@code file://} and {@code
 * hdfs://} only.
 */
public final class FileSystems {
  private FileSystems() {}

  /**
   * The file system of {@code path}; a scheme whose file system is missing is an {@link
   * InputException} that starts with {@code what} (a config key or option) and the path.
   */
  public static FileSystem of(Path path, Configuration conf, String what) throws IOException {
    try {
      return path.getFileSystem(conf);
    } catch (UnsupportedFileSystemException e) {
      throw new InputException(missing(what, path, null), e);
    } catch (RuntimeException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof ClassNotFoundException) {
          throw new InputException(missing(what, path, c.getMessage()), e);
        }
      }
      throw e;
    }
  }

  /**
   * Fails with {@link #of}'s one line when the file system of {@code path} is missing here: for an
   * output path, checked before any work whose result it would receive.
   */
  public static void check(Configuration conf, String path, String what) {
    try {
      of(new Path(path), conf, what);
    } catch (IOException e) {
      throw new UncheckedIOException(what + ": " + path + ": " + e.getMessage(), e);
    }
  }

  /** The one-line message for a scheme without a file system; {@code notFound} is Hadoop's. */
  static String missing(String what, Path path, String notFound) {
    String scheme = String.valueOf(path.toUri().getScheme()).toLowerCase(Locale.ROOT);
    return what
        + ": "
        + path
        + ": no file system for '"
        + scheme
        + "://' in this process"
        + (notFound == null ? "" : " (" + notFound.replace("Class ", "class ") + ")")
        + "; "
        + connector(scheme, notFound);
  }

  /**
   * What to add for a scheme, naming the artifact that matches the running Hadoop; {@code notFound}
   * (Hadoop's message, or null) tells whether this Hadoop has its own {@code gs} file system (3.5
   * maps it to {@code org.apache.hadoop.fs.gs}, in {@code hadoop-gcp}) or none (3.3).
   */
  static String connector(String scheme, String notFound) {
    String hadoop = VersionInfo.getVersion();
    boolean hadoopGs = notFound != null && notFound.contains("org.apache.hadoop.fs.gs.");
    String artifact =
        switch (scheme) {
          case "s3a", "s3", "s3n" -> "org.apache.hadoop:hadoop-aws:" + hadoop;
          case "abfs", "abfss", "wasb", "wasbs" -> "org.apache.hadoop:hadoop-azure:" + hadoop;
          case "oss" -> "org.apache.hadoop:hadoop-aliyun:" + hadoop;
          case "gs" -> hadoopGs ? "org.apache.hadoop:hadoop-gcp:" + hadoop : null;
          default -> "";
        };
    if (artifact == null) {
      return "it needs the Google Cloud Storage connector (com.google.cloud.bigdataoss:gcs-connector,"
          + " its hadoop3 build) on the driver and executors, e.g. through spark-submit --jars,"
          + " or a cluster that provides it";
    }
    if (artifact.isEmpty()) {
      return "it needs a Hadoop FileSystem for that scheme (fs."
          + scheme
          + ".impl) on the driver and executors";
    }
    return "it needs "
        + artifact
        + " (the Hadoop version running here) on the driver and executors, e.g. spark-submit"
        + " --packages "
        + artifact
        + ", or a cluster that provides it";
  }
}

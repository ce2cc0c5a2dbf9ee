package sparkmlp.spark.io;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/** A user's input path resolved on its Hadoop file system: a file, or a directory of part files. */
final class InputPath {

  private final String given;
  private final FileSystem fs;
  private final FileStatus status;
  private final Configuration conf;

  private InputPath(String given, FileSystem fs, FileStatus status, Configuration conf) {
    this.given = given;
    this.fs = fs;
    this.status = status;
    this.conf = conf;
  }

  /** Resolves {@code given}; a missing path is an error that names {@code configKey}. */
  static InputPath resolve(Configuration conf, String configKey, String given) {
    if (given == null || given.isBlank()) {
      throw new InputException(configKey + ": no path given");
    }
    try {
      Path path = new Path(given);
      FileSystem fs = FileSystems.of(path, conf, configKey);
      return new InputPath(given, fs, fs.getFileStatus(path), conf);
    } catch (FileNotFoundException e) {
      throw new InputException(configKey + ": no such file or directory: " + given, e);
    } catch (IllegalArgumentException e) {
      throw new InputException(configKey + ": not a valid path: " + given, e);
    } catch (IOException e) {
      throw new InputException(configKey + ": cannot open " + given + ": " + e.getMessage(), e);
    }
  }

  /** The path as the user gave it. */
  String given() {
    return given;
  }

  /** The fully qualified path. */
  String uri() {
    return status.getPath().toString();
  }

  /** The last component of the path. */
  String name() {
    return status.getPath().getName();
  }

  boolean isDirectory() {
    return status.isDirectory();
  }

  /**
   * The data files in name order: the file itself, or the directory's files except hidden ones
   * ({@code _SUCCESS}, {@code .crc}, names starting with {@code _} or {@code .}).
   */
  List<InputFile> files() {
    if (!status.isDirectory()) {
      return List.of(new InputFile(given, uri(), status.getLen()));
    }
    String prefix = AtomicFiles.withoutTrailingSlash(given) + "/";
    List<FileStatus> children = new ArrayList<>();
    try {
      for (FileStatus child : fs.listStatus(status.getPath())) {
        String name = child.getPath().getName();
        if (isHidden(name)) {
          continue;
        }
        if (child.isDirectory()) {
          throw new InputException(
              given + ": contains the directory '" + name + "'; expected only data files");
        }
        children.add(child);
      }
    } catch (IOException e) {
      throw new InputException(given + ": cannot list the directory: " + e.getMessage(), e);
    }
    if (children.isEmpty()) {
      throw new InputException(given + ": the directory has no data files");
    }
    children.sort(Comparator.comparing(c -> c.getPath().getName()));
    List<InputFile> files = new ArrayList<>();
    for (FileStatus c : children) {
      files.add(new InputFile(prefix + c.getPath().getName(), c.getPath().toString(), c.getLen()));
    }
    return files;
  }

  /**
   * True if the path is a directory with a non-hidden subdirectory (such as a partitioned Parquet
   * table).
   */
  boolean hasSubdirectories() {
    if (!status.isDirectory()) {
      return false;
    }
    try {
      for (FileStatus child : fs.listStatus(status.getPath())) {
        if (child.isDirectory() && !isHidden(child.getPath().getName())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new InputException(given + ": cannot list the directory: " + e.getMessage(), e);
    }
  }

  /** True for names Hadoop and Spark treat as metadata, not data. */
  static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".") || name.endsWith(".crc");
  }

  /** Opens a file for reading, raw bytes. */
  InputStream open(InputFile file) {
    try {
      return fs.open(new Path(file.uri()));
    } catch (IOException e) {
      throw new InputException(file.display() + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * The first line of a text file, decompressed by its suffix ({@code .gz}, ...), or null if it has
   * none.
   */
  String firstLine(InputFile file) {
    Path path = new Path(file.uri());
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    try (InputStream raw = fs.open(path);
        InputStream in = codec == null ? raw : codec.createInputStream(raw);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.readLine();
    } catch (IOException e) {
      throw new InputException(file.display() + ": cannot read: " + e.getMessage(), e);
    }
  }
}

package sparkmlp.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * HDFS on 127.0.0.1: one NameNode and one DataNode of Hadoop's {@code MiniDFSCluster}, in the test
 * JVM. It comes from {@code hadoop-client-minicluster}, whose third-party classes are relocated
 * like those of Spark's {@code hadoop-client-api/runtime}, so both share the classpath without
 * clashing. Paths given to the helpers are absolute HDFS paths ({@code /in/data.txt}); {@link #url}
 * turns one into the {@code hdfs://} URL an application takes.
 */
public final class MiniHdfs implements AutoCloseable {

  private final MiniDFSCluster cluster;
  private final FileSystem fs;
  private final String uri;

  private MiniHdfs(MiniDFSCluster cluster) throws IOException {
    this.cluster = cluster;
    this.fs = cluster.getFileSystem();
    this.uri = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
  }

  /** Formats and starts HDFS with its storage under {@code dir}, every address on 127.0.0.1. */
  public static MiniHdfs start(Path dir) {
    Configuration conf = new Configuration();
    conf.set("dfs.replication", "1");
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    conf.setBoolean("dfs.permissions.enabled", false);
    try {
      MiniDFSCluster cluster =
          new MiniDFSCluster.Builder(conf, StandaloneCluster.createDirectories(dir).toFile())
              .numDataNodes(1)
              .format(true)
              .build();
      try {
        cluster.waitActive();
        return new MiniHdfs(cluster);
      } catch (IOException | RuntimeException e) {
        cluster.shutdown();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("HDFS did not start in " + dir, e);
    }
  }

  /** {@code hdfs://127.0.0.1:PORT}. */
  public String uri() {
    return uri;
  }

  /**
   * The full URL of an absolute HDFS path: {@code url("/in/a.txt")} is {@code
   * hdfs://127.0.0.1:PORT/in/a.txt}.
   */
  public String url(String path) {
    return uri + absolute(path);
  }

  /** The client, for what the helpers do not cover. */
  public FileSystem fileSystem() {
    return fs;
  }

  /**
   * Copies a local file to {@code path} (parents created, existing file replaced) and returns its
   * URL.
   */
  public String put(Path local, String path) {
    try {
      fs.copyFromLocalFile(
          false,
          true,
          new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()),
          hadoopPath(path));
      return url(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + local + " to " + url(path), e);
    }
  }

  /** Writes {@code text} as UTF-8 to {@code path} and returns its URL. */
  public String write(String path, String text) {
    try (OutputStream out = fs.create(hadoopPath(path), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      return url(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + url(path), e);
    }
  }

  /** Copies {@code path} out of HDFS to a local file. */
  public void get(String path, Path local) {
    try {
      fs.copyToLocalFile(
          false,
          hadoopPath(path),
          new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()),
          true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + url(path) + " to " + local, e);
    }
  }

  /** The content of a file as UTF-8. */
  public String read(String path) {
    try (InputStream in = fs.open(hadoopPath(path))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url(path), e);
    }
  }

  /**
   * The content of every {@code part-*} file of a directory that Spark wrote, in name order, as
   * UTF-8.
   *
   * @throws IllegalStateException if the directory has no {@code _SUCCESS} marker: the write did
   *     not finish
   */
  public String readParts(String dir) {
    if (!exists(dir + "/_SUCCESS")) {
      throw new IllegalStateException(
          "no _SUCCESS in " + url(dir) + ": the job did not finish writing; found " + list(dir));
    }
    StringBuilder out = new StringBuilder();
    list(dir).stream()
        .filter(n -> n.startsWith("part-"))
        .forEach(n -> out.append(read(dir + "/" + n)));
    return out.toString();
  }

  /** Names in a directory, sorted; empty if it does not exist. */
  public List<String> list(String dir) {
    try {
      if (!fs.exists(hadoopPath(dir))) {
        return List.of();
      }
      FileStatus[] statuses = fs.listStatus(hadoopPath(dir));
      return Arrays.stream(statuses).map(s -> s.getPath().getName()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + url(dir), e);
    }
  }

  public boolean exists(String path) {
    try {
      return fs.exists(hadoopPath(path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat " + url(path), e);
    }
  }

  /** Removes a file or a directory tree; true if something was there. */
  public boolean delete(String path) {
    try {
      return fs.delete(hadoopPath(path), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + url(path), e);
    }
  }

  /** Stops the DataNode and the NameNode. */
  @Override
  public void close() {
    try {
      fs.close();
    } catch (IOException e) {
      // The cluster goes down next regardless.
    } finally {
      cluster.shutdown(true);
    }
  }

  private static String absolute(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "expected an absolute HDFS path such as /in/data.txt, got '" + path + "'");
    }
    return path;
  }

  private static org.apache.hadoop.fs.Path hadoopPath(String path) {
    return new org.apache.hadoop.fs.Path(absolute(path));
  }
}

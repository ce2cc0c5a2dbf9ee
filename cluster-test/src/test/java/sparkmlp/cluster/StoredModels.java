package sparkmlp.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkmlp.core.model.Model;
import sparkmlp.core.model.ModelFile;
import sparkmlp.core.train.CheckpointFile;

/**
 * Models and checkpoints a job wrote to HDFS, read back with core's own readers (which check magic,
 * shapes, length and CRC, so a partial file fails), and the distance between two weight vectors.
 */
public final class StoredModels {

  private StoredModels() {}

  /** Reads {@code path} (absolute HDFS path of a {@code .mlp} file) with {@link ModelFile#read}. */
  public static Model model(MiniHdfs hdfs, String path) {
    try (InputStream in = hdfs.fileSystem().open(new Path(path))) {
      return ModelFile.read(in, hdfs.url(path), length(hdfs.fileSystem(), path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model " + hdfs.url(path), e);
    }
  }

  /**
   * Reads {@code path} (absolute HDFS path of a {@code .ckpt} file) with {@link
   * CheckpointFile#read}.
   */
  public static CheckpointFile.Checkpoint checkpoint(MiniHdfs hdfs, String path) {
    try (InputStream in = hdfs.fileSystem().open(new Path(path))) {
      return CheckpointFile.read(in, hdfs.url(path), length(hdfs.fileSystem(), path));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint " + hdfs.url(path), e);
    }
  }

  /**
   * The checkpoint files ({@code ckpt-*.ckpt}) of a folder, as absolute HDFS paths in name order.
   */
  public static List<String> checkpoints(MiniHdfs hdfs, String dir) {
    List<String> out = new ArrayList<>();
    for (String name : hdfs.list(dir)) {
      if (name.startsWith("ckpt-") && name.endsWith(".ckpt")) {
        out.add(dir + "/" + name);
      }
    }
    return out;
  }

  /**
   * Waits, while {@code run} lasts and at most {@code timeout}, for a checkpoint in {@code dir}
   * written in the middle of epoch {@code epoch} (0-based: {@code ckpt-e00000E-s...}, not at the
   * epoch's first step), and returns its name.
   */
  public static String awaitMidEpochCheckpoint(
      MiniHdfs hdfs, String dir, int epoch, Submission run, Duration timeout) {
    String prefix = String.format("ckpt-e%06d-s", epoch);
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && run.isAlive()) {
      for (String name : hdfs.list(dir)) {
        if (name.startsWith(prefix) && !name.endsWith("-s000000000.ckpt")) {
          return name;
        }
      }
      StandaloneCluster.sleep(Duration.ofMillis(50));
    }
    throw new IllegalStateException(
        "no checkpoint in the middle of epoch "
            + (epoch + 1)
            + " in "
            + dir
            + " while the run lasted (at most "
            + timeout
            + "): "
            + hdfs.list(dir)
            + "\n"
            + run.await(Duration.ofSeconds(5)).summary());
  }

  /** max |a_i − b_i|; fails if the lengths differ. */
  public static double maxAbsDiff(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new AssertionError("weight vectors differ in length: " + a.length + " vs " + b.length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static long length(FileSystem fs, String path) throws IOException {
    return fs.getFileStatus(new Path(path)).getLen();
  }
}

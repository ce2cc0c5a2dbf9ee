package sparkmlp.spark.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import sparkmlp.core.model.Model;
import sparkmlp.core.train.CheckpointFile;
import sparkmlp.core.train.TrainingState;
import sparkmlp.spark.io.AtomicFiles;

/**
 * Checkpoints in a folder on any Hadoop file system, named {@code ckpt-e<epoch>-s<step>.ckpt} after
 * the position they resume from, each written atomically; the newest {@code keep} are kept.
 */
public final class CheckpointStore {
  private static final Pattern NAME = Pattern.compile("ckpt-e(\\d{6})-s(\\d{9})\\.ckpt");

  private final Configuration conf;
  private final String dir;
  private final int keep;

  public CheckpointStore(Configuration conf, String dir, int keep) {
    this.conf = conf;
    this.dir = AtomicFiles.withoutTrailingSlash(dir);
    this.keep = keep;
  }

  public String dir() {
    return dir;
  }

  /** Writes a checkpoint of the state and prunes old ones; returns its path. */
  public String save(Model model, String optimizerId, TrainingState state) {
    String path = dir + "/" + String.format("ckpt-e%06d-s%09d.ckpt", state.epoch, state.step);
    AtomicFiles.write(conf, path, out -> CheckpointFile.write(model, optimizerId, state, out));
    List<String> all = checkpoints();
    for (int i = 0; i < all.size() - keep; i++) {
      AtomicFiles.delete(conf, all.get(i));
    }
    return path;
  }

  /**
   * Deletes the hidden temporaries a killed run leaves behind ({@code .<name>.tmp-*}); returns how
   * many. Only call this when no other run writes to the folder.
   */
  public int removeStaleTemporaries() {
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir);
    try {
      org.apache.hadoop.fs.FileSystem fs = folder.getFileSystem(conf);
      if (!fs.exists(folder)) {
        return 0;
      }
      int removed = 0;
      for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(folder)) {
        String name = f.getPath().getName();
        if (name.startsWith(".") && name.contains(".tmp-") && fs.delete(f.getPath(), false)) {
          removed++;
        }
      }
      return removed;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
    }
  }

  /** Checkpoint paths, oldest first. */
  public List<String> checkpoints() {
    if (!AtomicFiles.exists(conf, dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String p : AtomicFiles.list(conf, dir)) {
      String name = p.substring(p.lastIndexOf('/') + 1);
      if (NAME.matcher(name).matches()) {
        out.add(p);
      }
    }
    out.sort(Comparator.comparing(p -> p.substring(p.lastIndexOf('/') + 1)));
    return out;
  }

  /** A checkpoint read back, with the path it was read from. */
  public record Loaded(String path, CheckpointFile.Checkpoint checkpoint) {}

  /**
   * The newest checkpoint that reads back cleanly, or null when there is none; an unreadable newer
   * one is reported through {@code warn} and skipped.
   */
  public Loaded newest(java.util.function.Consumer<String> warn) {
    List<String> all = checkpoints();
    for (int i = all.size() - 1; i >= 0; i--) {
      String p = all.get(i);
      try (InputStream in = AtomicFiles.open(conf, p)) {
        org.apache.hadoop.fs.Path hp = new org.apache.hadoop.fs.Path(p);
        return new Loaded(
            p, CheckpointFile.read(in, p, hp.getFileSystem(conf).getFileStatus(hp).getLen()));
      } catch (IOException | RuntimeException e) {
        warn.accept("skipping unreadable checkpoint " + p + ": " + e.getMessage());
      }
    }
    return null;
  }
}

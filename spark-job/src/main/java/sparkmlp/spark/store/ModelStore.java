package sparkmlp.spark.store;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import sparkmlp.core.format.FormatException;
import sparkmlp.core.model.Model;
import sparkmlp.core.model.ModelFile;
import sparkmlp.spark.io.AtomicFiles;
import sparkmlp.spark.io.InputException;

/**
 * Where models live: an output folder holds {@code model.mlp} (plus summary, metrics and chart); a
 * path may name the folder or the file itself. Writes are atomic: a crash leaves the old file or
 * the new one.
 */
public final class ModelStore {
  public static final String MODEL_FILE = "model.mlp";

  private ModelStore() {}

  /** The model file a user's path means: the path itself, or {@code model.mlp} inside it. */
  public static String resolve(Configuration conf, String path) {
    String p = AtomicFiles.withoutTrailingSlash(path);
    if (p.endsWith(".mlp")) {
      return p;
    }
    String inside = p + "/" + MODEL_FILE;
    return AtomicFiles.exists(conf, inside) ? inside : p;
  }

  /** Loads a model, as one clear error when it is missing or unreadable. */
  public static Model load(Configuration conf, String path) {
    String file = resolve(conf, path);
    if (!AtomicFiles.exists(conf, file)) {
      throw new InputException(
          "no model at " + path + " (expected a .mlp file or a folder holding " + MODEL_FILE + ")");
    }
    try (InputStream in = AtomicFiles.open(conf, file)) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
      return ModelFile.read(in, file, p.getFileSystem(conf).getFileStatus(p).getLen());
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InputException(file + ": cannot read the model: " + e.getMessage(), e);
    } catch (FormatException e) {
      throw new InputException(e.getMessage(), e);
    }
  }

  /** Writes {@code model.mlp} into a folder, atomically. */
  public static String save(Configuration conf, String dir, Model model) {
    String file = AtomicFiles.withoutTrailingSlash(dir) + "/" + MODEL_FILE;
    AtomicFiles.write(conf, file, out -> ModelFile.write(model, out));
    return file;
  }
}

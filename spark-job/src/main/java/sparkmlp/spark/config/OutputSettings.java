package sparkmlp.spark.config;

import sparkmlp.spark.io.AtomicFiles;

/**
 * Where the trained model goes ({@code mlp.output}).
 *
 * @param dir path or URI of the model output folder; {@code null} when unset ({@code train}
 *     requires it)
 * @param permissions the permissions of every file the job writes (summary, model, checkpoints,
 *     registry files), as {@code ls -l} shows them, e.g. {@code rw-r-----}
 */
public record OutputSettings(String dir, String permissions) {
  /** Rejects a permission string that is not nine characters of r, w, x or -. */
  public OutputSettings {
    if (!AtomicFiles.validPermissions(permissions)) {
      throw new InvalidConfigException(
          "config key 'mlp.output.permissions': expected nine characters of r, w, x or - as ls -l"
              + " shows them, such as rw-r-----, found '"
              + permissions
              + "'");
    }
  }
}

package sparkmlp.spark.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A {@code --config} given as a Hadoop URI ({@code hdfs://}, {@code s3a://}, {@code file:}...):
 * what a driver in a cluster container reads, since it cannot see the submitting machine's files.
 * The file is read through Hadoop's {@link FileSystem}, at most {@link #MAX_BYTES} bytes, and
 * parsed as HOCON with {@code include} refused (an include would resolve against the driver's own
 * classpath and working folder, not next to the URI). A plain path stays a local file, read by
 * {@link ConfigLoader} as before.
 */
public final class HadoopConfigFile {
  /** Config files are small; anything bigger is a wrong path, not a config. */
  public static final long MAX_BYTES = 1L << 20;

  private HadoopConfigFile() {}

  /**
   * True if {@code given} names a URI with a scheme (two letters or more, so a Windows drive such
   * as {@code C:\conf} stays a path).
   */
  public static boolean isUri(String given) {
    try {
      String scheme = new URI(given).getScheme();
      return scheme != null && scheme.length() > 1;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * Loads the job configuration from {@code given} (a URI or a local path) with the {@code --set}
   * overrides over it, as {@link ConfigLoader#load} does for a local file.
   *
   * @throws InvalidConfigException naming the URI: not found, too large, unreadable or a syntax
   *     error with its line
   */
  public static JobConfig load(String given, List<String> overrides, Configuration hadoop) {
    if (given == null || !isUri(given)) {
      return ConfigLoader.load(given == null ? null : Path.of(given), overrides);
    }
    Config user = parse(given, read(given, hadoop));
    Config merged =
        ConfigLoader.parseOverrides(overrides == null ? List.of() : overrides).withFallback(user);
    return ConfigLoader.fromConfig(merged);
  }

  /** The bytes of {@code uri} as UTF-8 text, refusing a missing, non-file or oversized one. */
  static String read(String uri, Configuration hadoop) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus status = fs.getFileStatus(path);
      if (!status.isFile()) {
        throw new InvalidConfigException("config file not readable: " + uri + " is a folder");
      }
      if (status.getLen() > MAX_BYTES) {
        throw tooLarge(uri, status.getLen());
      }
      try (InputStream in = fs.open(path)) {
        byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw tooLarge(uri, bytes.length);
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    } catch (FileNotFoundException e) {
      throw new InvalidConfigException("config file not found: " + uri);
    } catch (IOException e) {
      throw new InvalidConfigException(
          "config file not readable: " + uri + ": " + oneLine(e.getMessage()), e);
    }
  }

  /** Parses {@code text} read from {@code uri}; errors name the URI and the line. */
  static Config parse(String uri, String text) {
    ConfigParseOptions options =
        ConfigParseOptions.defaults()
            .setOriginDescription(uri)
            .setAllowMissing(false)
            .setIncluder(new Refuse(uri));
    try {
      return ConfigFactory.parseString(text, options);
    } catch (ConfigException e) {
      if (e.getCause() instanceof InvalidConfigException refused) {
        throw refused;
      }
      ConfigOrigin origin = e.origin();
      String where =
          uri + (origin != null && origin.lineNumber() >= 0 ? ":" + origin.lineNumber() : "");
      String kind = e instanceof ConfigException.Parse ? "syntax error: " : "";
      throw new InvalidConfigException(where + ": " + kind + ConfigLoader.reason(e), e);
    }
  }

  private static InvalidConfigException tooLarge(String uri, long bytes) {
    return new InvalidConfigException(
        "config file too large: " + uri + " has " + bytes + " bytes, at most " + MAX_BYTES);
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /** Refuses every {@code include}, naming the URI and the line. */
  private record Refuse(String uri) implements ConfigIncluder {
    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
      return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
      throw new ConfigException.Generic(
          "include",
          new InvalidConfigException(
              uri
                  + ": include \""
                  + what
                  + "\" is not allowed in a config read from a URI"
                  + " (put the included settings in the file itself)"));
    }
  }
}

package sparkmlp.spark;

/**
 * Spark 3.5 line: the versions this build's tests run against (the root pom's spark-3.5 profile).
 */
public final class SparkLine {
  /** Spark's version. */
  public static final String SPARK = "3.5.7";

  /** The Hadoop client that Spark brings. */
  public static final String HADOOP = "3.3.4";

  /**
   * The {@code gs://} file system class that this Hadoop's core-default.xml names ({@code
   * fs.gs.impl}; none before Hadoop 3.5), or null.
   */
  public static final String GS_FILE_SYSTEM = null;

  private SparkLine() {}
}

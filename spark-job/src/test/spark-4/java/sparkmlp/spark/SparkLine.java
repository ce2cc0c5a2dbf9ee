package sparkmlp.spark;

/**
 * Spark 4 line: the versions this build's tests run against (the root pom's default properties).
 */
public final class SparkLine {
  /** Spark's version. */
  public static final String SPARK = "4.2.0";

  /** The Hadoop client that Spark brings. */
  public static final String HADOOP = "3.5.0";

  /**
   * The {@code gs://} file system class that this Hadoop's core-default.xml names ({@code
   * fs.gs.impl}; none before Hadoop 3.5), or null.
   */
  public static final String GS_FILE_SYSTEM = "org.apache.hadoop.fs.gs.GoogleHadoopFileSystem";

  private SparkLine() {}
}

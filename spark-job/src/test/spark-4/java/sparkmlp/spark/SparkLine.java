package sparkmlp.spark;

/**
 * Spark 4 line: the versions this build's tests run against (the root pom's default properties).
 */
public final class SparkLine {
  /** Spark's version. */
  public static final String SPARK = "4.2.0";

  /** The Hadoop client that Spark brings. */
  public static final String HADOOP = "3.5.0";

  private SparkLine() {}
}

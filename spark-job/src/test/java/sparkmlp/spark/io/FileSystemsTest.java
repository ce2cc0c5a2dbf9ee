package sparkmlp.spark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.VersionInfo;
import org.junit.jupiter.api.Test;
import sparkmlp.spark.SparkLine;

/**
 * Schemes whose file system is not on the test classpath: the class is missing, so these fail
 * before any connection is tried (no network needed).
 */
class FileSystemsTest {
  private static String resolveError(String path) {
    return assertThrows(
            InputException.class,
            () -> InputPath.resolve(new Configuration(), "mlp.data.train", path))
        .getMessage();
  }

  @Test
  void s3aNamesHadoopAwsOfTheRunningHadoop() {
    String v = VersionInfo.getVersion();
    assertEquals(
        SparkLine.HADOOP, v); // the Hadoop that this line's Spark brings; the message names it
    assertEquals(
        "mlp.data.train: s3a://bucket/iris.csv: no file system for 's3a://' in this process (class"
            + " org.apache.hadoop.fs.s3a.S3AFileSystem not found); it needs"
            + " org.apache.hadoop:hadoop-aws:"
            + v
            + " (the Hadoop version running here) on the driver"
            + " and executors, e.g. spark-submit --packages org.apache.hadoop:hadoop-aws:"
            + v
            + ", or a"
            + " cluster that provides it",
        resolveError("s3a://bucket/iris.csv"));
  }

  @Test
  void gsNamesHadoopGcpWhereHadoopHasItElseTheCloudStorageConnector() {
    String expected =
        SparkLine.GS_FILE_SYSTEM == null
            // Hadoop 3.3 (Spark 3.5) has no gs file system of its own
            ? "mlp.data.train: gs://bucket/iris.csv: no file system for 'gs://' in this process;"
                + " it needs the Google Cloud Storage connector"
                + " (com.google.cloud.bigdataoss:gcs-connector, its hadoop3 build) on the driver"
                + " and executors, e.g. through spark-submit --jars, or a cluster that provides it"
            // Hadoop 3.5 (Spark 4.2) maps gs:// to its own class, in hadoop-gcp
            : "mlp.data.train: gs://bucket/iris.csv: no file system for 'gs://' in this process"
                + " (class "
                + SparkLine.GS_FILE_SYSTEM
                + " not found); it needs org.apache.hadoop:hadoop-gcp:"
                + SparkLine.HADOOP
                + " (the Hadoop version running here) on the driver and executors, e.g."
                + " spark-submit --packages org.apache.hadoop:hadoop-gcp:"
                + SparkLine.HADOOP
                + ", or a cluster that provides it";
    assertEquals(expected, resolveError("gs://bucket/iris.csv"));
  }

  @Test
  void abfsNamesHadoopAzure() {
    assertEquals(
        "mlp.data.train: abfs://c@account.dfs.core.windows.net/iris.csv: no file system for"
            + " 'abfs://' in this process (class org.apache.hadoop.fs.azurebfs.AzureBlobFileSystem"
            + " not found); it needs org.apache.hadoop:hadoop-azure:"
            + SparkLine.HADOOP
            + " (the Hadoop"
            + " version running here) on the driver and executors, e.g. spark-submit --packages"
            + " org.apache.hadoop:hadoop-azure:"
            + SparkLine.HADOOP
            + ", or a cluster that provides it",
        resolveError("abfs://c@account.dfs.core.windows.net/iris.csv"));
  }

  @Test
  void unknownSchemeNamesTheSetting() {
    assertEquals(
        "mlp.data.train: foo://x/iris.csv: no file system for 'foo://' in this process; it needs a"
            + " Hadoop FileSystem for that scheme (fs.foo.impl) on the driver and executors",
        resolveError("foo://x/iris.csv"));
  }
}

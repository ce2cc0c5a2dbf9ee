package sparkmlp.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code SparkSubmit} sends an application: the master URL, the deploy mode, the Hadoop
 * config folder it and the application read (YARN's, as {@code HADOOP_CONF_DIR}/{@code
 * YARN_CONF_DIR} and first on SparkSubmit's classpath, as Spark's scripts put it), and extra
 * SparkSubmit options such as {@code --files}.
 */
public record SubmitTarget(
    String master, String deployMode, Optional<Path> hadoopConfDir, List<String> submitArgs) {

  public SubmitTarget {
    if (!deployMode.equals("client") && !deployMode.equals("cluster")) {
      throw new IllegalArgumentException(
          "expected deploy mode client or cluster, got '" + deployMode + "'");
    }
    submitArgs = List.copyOf(submitArgs);
  }

  /** A client-mode submission to {@code master}, with no Hadoop config of its own. */
  public static SubmitTarget client(String master) {
    return new SubmitTarget(master, "client", Optional.empty(), List.of());
  }

  /** True when the driver runs on the cluster, not in the SparkSubmit JVM. */
  public boolean clusterMode() {
    return deployMode.equals("cluster");
  }
}

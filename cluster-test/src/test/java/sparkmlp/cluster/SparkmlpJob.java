package sparkmlp.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The job under test: sparkmlp's shaded jar, built by the spark-job module before this one, and the
 * repository's configs and data sets, and the requests that run it.
 */
public final class SparkmlpJob {

  /** System property the build sets to the shaded job jar. */
  public static final String JAR_PROPERTY = "sparkmlp.cluster.jobJar";

  public static final String MAIN_CLASS = "sparkmlp.spark.cli.MlpCommand";

  private static final String DEFAULT_JAR =
      "../spark-job/target/sparkmlp-spark-job_2.13-0.1.0-SNAPSHOT-job.jar";

  private SparkmlpJob() {}

  /**
   * The shaded job jar.
   *
   * @throws IllegalStateException if it has not been built
   */
  public static Path jar() {
    Path jar = Path.of(System.getProperty(JAR_PROPERTY, DEFAULT_JAR)).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the sparkmlp job jar "
              + jar
              + " is missing: build it with `mvn -B -o -q -pl "
              + "spark-job -am package -Dmaven.test.skip=true` (with -Pspark-3.5 for that line) in the repository root (a reactor build of cluster-test "
              + "does)");
    }
    return jar;
  }

  /** The repository root: the parent of this module's folder. */
  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    return Files.isDirectory(here.resolve("datasets")) ? here : here.getParent();
  }

  /** A config of the repository's {@code conf/}, e.g. {@code digits.conf}. */
  public static Path conf(String name) {
    return existing(root().resolve("conf").resolve(name));
  }

  /** A file of a bundled data set, e.g. {@code dataset("digits", "train.csv")}. */
  public static Path dataset(String name, String file) {
    return existing(root().resolve("datasets").resolve(name).resolve(file));
  }

  /**
   * A request running {@code mlp ARGS} on the cluster with one BLAS thread per executor. The job
   * starts as soon as the driver is up, whether or not an executor has registered: what fails on
   * the driver fails without waiting for one.
   */
  public static SubmitRequest.Builder request(List<String> args) {
    return SubmitRequest.builder()
        .setAppJar(jar())
        .setMainClass(MAIN_CLASS)
        .optArgs(args.toArray(String[]::new))
        .optConf("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
  }

  /**
   * {@link #request} for a training run across the whole cluster: it starts only once both
   * executors are registered, so its two partitions go one to each.
   */
  public static SubmitRequest.Builder requestOnBothExecutors(List<String> args) {
    return request(args)
        .optConf("spark.cores.max", Integer.toString(TestCluster.WORKERS))
        .optConf("spark.scheduler.minRegisteredResourcesRatio", "1.0")
        .optConf("spark.scheduler.maxRegisteredResourcesWaitingTime", "90s");
  }

  /**
   * The cluster suites' digits run: {@code train} (a URI) for 2 epochs of 23 steps in 2 partitions,
   * no validation or test set, a checkpoint every 5 steps (3 kept), the sharded reduction, always
   * through Spark, the output in {@code outputDir}; {@code extra} settings after them.
   */
  public static List<String> digitsSettings(String train, String outputDir, String... extra) {
    List<String> sets =
        new ArrayList<>(
            List.of(
                "data.train=" + train,
                "data.test=",
                "data.validation-split=0",
                "data.partitions=2",
                "train.epochs=2",
                "train.batch-size=64",
                "train.checkpoint.every-steps=5",
                "train.checkpoint.keep=3",
                "train.reduction=sharded",
                "train.single-process=never",
                "log.progress=never",
                "output.dir=" + outputDir));
    sets.addAll(List.of(extra));
    return sets;
  }

  /**
   * {@code train --config FILE} with each of {@code sets} as a {@code --set}, then {@code extra} as
   * given.
   */
  public static List<String> train(Path config, List<String> sets, String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--config", config.toString()));
    for (String s : sets) {
      args.add("--set");
      args.add(s);
    }
    args.addAll(List.of(extra));
    return args;
  }

  private static Path existing(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException("expected " + file + " in the repository, found nothing");
    }
    return file;
  }
}

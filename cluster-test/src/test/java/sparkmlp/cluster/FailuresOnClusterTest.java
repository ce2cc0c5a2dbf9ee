package sparkmlp.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.layer.Dense;
import sparkmlp.core.layer.Network;
import sparkmlp.core.loss.Loss;
import sparkmlp.core.model.Model;
import sparkmlp.core.model.ModelFile;
import sparkmlp.core.task.Task;

/**
 * Runs that must fail, through spark-submit with their data on HDFS: every bad input of the job's
 * own {@code BadInputTest}, and a diverging training. SparkSubmit's exit code is the job's, the
 * driver's stderr holds the job's one {@code error:} line (naming the {@code hdfs://} path as
 * given) and no stack trace of its own, and nothing is written to the output path. The runs are
 * short and mostly waiting for JVMs, so they go three at a time, each with one executor; the tests
 * then check their results.
 */
@ClusterTest
class FailuresOnClusterTest {

  private static final int AT_ONCE = 3;
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
  private static final String GOOD =
      "a,b,label\n1,2,x\n3,4,y\n1.5,2.5,x\n3.5,4.5,y\n0.5,1,x\n4,5,y\n1,1.5,x\n3,3.5,y\n";
  private static final String MODEL_DIR = "/failures/model";
  private static final String DIVERGED = "/failures/diverged";

  /**
   * The start of a log4j record in the cluster's layout ({@code HH:mm:ss.SSS LEVEL Logger:
   * message}).
   */
  private static final Pattern LOG_RECORD =
      Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} [A-Z]+ \\S+: ");

  private static final String LOST_TASK = " WARN TaskSetManager: Lost task ";

  /**
   * Spark's record of a one-way message that reached the driver after the endpoint it was for had
   * stopped: from the master after the AppClient stopped (a run that fails before its executors
   * register, seen once at a load average of 40), or from an executor after the scheduler backend
   * stopped (seen once in CI, Spark 4.2, which adds " from host:port" to the line). Spark's
   * shutdown race, whose next line must be one of {@link #STOPPED_ENDPOINTS}.
   */
  private static final String LATE_MESSAGE =
      " ERROR TransportRequestHandler: Error while invoking RpcHandler#receive() for one-way message";

  private static final List<String> STOPPED_ENDPOINTS =
      List.of(
          "org.apache.spark.SparkException: Could not find AppClient.",
          "org.apache.spark.SparkException: Could not find CoarseGrainedScheduler.");

  private static TestCluster cluster;
  private static byte[] modelBytes;
  private static final Map<String, SubmitResult> results = new ConcurrentHashMap<>();

  /**
   * One bad input: the data file's content (null: no file at all), the command line given the
   * data's and the output's URLs, the exit code, and the error message given the data's URL.
   */
  record Case(
      String name,
      String content,
      BiFunction<String, String, List<String>> args,
      int exitCode,
      Function<String, String> message) {
    String dir() {
      return "/failures/" + name;
    }

    String data() {
      return dir() + (content == null ? "/nope.csv" : "/data.csv");
    }

    String out() {
      return dir() + "/out";
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Puts a 2-3-2 model with features a, b and classes x, y on HDFS, as the job would have written
   * it (the warm-start model of one case, the evaluated model of another, and an existing model no
   * run may touch), and each case's data; then runs every case and the diverging training.
   */
  @BeforeAll
  static void runEveryFailureThreeAtATime(TestCluster testCluster) throws Exception {
    cluster = testCluster;
    try (OutputStream out =
        cluster.hdfs().fileSystem().create(new Path(MODEL_DIR + "/model.mlp"))) {
      ModelFile.write(tinyModel(), out);
    }
    modelBytes = bytes(MODEL_DIR + "/model.mlp");
    String digits =
        cluster
            .hdfs()
            .put(SparkmlpJob.dataset("digits", "train.csv"), "/failures/digits/train.csv");

    // The longest run first, then the cases, those that need an executor between those that fail on
    // the driver.
    Map<String, SubmitRequest> requests = new LinkedHashMap<>();
    requests.put(
        "diverged",
        SparkmlpJob.request(
                SparkmlpJob.train(
                    SparkmlpJob.conf("digits.conf"),
                    List.of(
                        "data.train=" + digits,
                        "data.test=",
                        "data.validation-split=0",
                        "data.partitions=2",
                        "train.epochs=2",
                        "train.batch-size=64",
                        "train.optimizer.name=sgd",
                        "train.optimizer.learning-rate=1e12",
                        "model.hidden-activation=relu",
                        "train.checkpoint.every-steps=1",
                        "train.checkpoint.keep=3",
                        "log.progress=never",
                        "output.dir=" + url(DIVERGED))))
            .optConf("spark.cores.max", "1")
            .optTimeout(RUN_TIMEOUT)
            .build());
    for (Case c : cases().toList()) {
      if (c.content() != null) {
        cluster.hdfs().write(c.data(), c.content());
      }
      requests.put(
          c.name(),
          SparkmlpJob.request(c.args().apply(url(c.data()), url(c.out())))
              .optConf("spark.cores.max", "1")
              .optTimeout(RUN_TIMEOUT)
              .build());
    }

    ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
    try {
      List<Future<?>> runs = new ArrayList<>();
      requests.forEach(
          (name, request) ->
              runs.add(pool.submit(() -> results.put(name, cluster.submit(request)))));
      for (Future<?> run : runs) {
        run.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a submission failed to run", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** A 2-3(relu)-2(softmax) classifier of features a, b into classes x, y, with fixed weights. */
  private static Model tinyModel() {
    Network net =
        Network.of(
            2,
            Loss.SOFTMAX_CROSS_ENTROPY,
            Dense.of(3, Activation.RELU),
            Dense.of(2, Activation.SOFTMAX));
    double[] params = new double[net.numParams()];
    for (int i = 0; i < params.length; i++) {
      params[i] = 0.1 * ((i * 7) % 5 - 2);
    }
    return new Model(
        net,
        Task.MULTICLASS,
        params,
        new Model.Features(Normalizer.none(2), List.of("a", "b"), null),
        List.of("x", "y"),
        "{}");
  }

  @AfterAll
  static void theExistingModelIsUntouched() {
    assertArrayEquals(
        modelBytes, bytes(MODEL_DIR + "/model.mlp"), "a failed run changed an existing model");
    assertEquals(List.of("model.mlp"), cluster.hdfs().list(MODEL_DIR));
  }

  static Stream<Case> cases() {
    return Stream.of(
        train("missingPath", null, 3, p -> "mlp.data.train: no such file or directory: " + p),
        train("emptyFile", "", 3, p -> p + ": file is empty"),
        train("headerOnly", "a,b,label\n", 3, p -> p + ": no data rows after the header"),
        train(
            "nonNumericCell",
            "a,b,label\n1,2,x\n3,abc,y\n1,2,x\n",
            3,
            p -> p + ":3:2: expected a number in column 'b', found 'abc'"),
        train(
            "configTypo",
            GOOD,
            2,
            p -> "unknown config key 'mlp.train.batchsize'; did you mean 'mlp.train.batch-size'?",
            "--set",
            "train.batchsize=3"),
        train(
            "rowsOfUnequalLength",
            "a,b,label\n1,2,x\n3,y\n1,2,x\n",
            3,
            p -> p + ":3: expected 3 fields as in the header, found 2"),
        train(
            "unknownLabelColumn",
            GOOD,
            2,
            p -> p + ": no label column 'lable'; columns are: a, b, label",
            "--set",
            "data.label-column=lable"),
        train(
            "nanFeature",
            "a,b,label\n1,2,x\nNaN,4,y\n1,2,x\n",
            3,
            p -> p + ":3:1: feature 'a' is NaN"),
        train(
            "batchSizeZero",
            GOOD,
            2,
            p -> "config key 'mlp.train.batch-size' must be >= 1, found 0",
            "--set",
            "train.batch-size=0"),
        train(
            "featureCountDifferentFromWarmStartModel",
            "a,b,c,label\n1,2,3,x\n3,4,5,y\n1,2,3,x\n3,4,5,y\n",
            3,
            p -> p + ": has 3 features, the model expects 2",
            "--init-model",
            MODEL_DIR),
        train(
            "negativeLearningRate",
            GOOD,
            2,
            p -> "config key 'mlp.train.optimizer.learning-rate' must be > 0, found -0.1",
            "--set",
            "train.optimizer.learning-rate=-0.1"),
        new Case(
            "labelNotSeenInTrainingFailsEvaluate",
            "a,b,label\n1,2,x\n3,4,z\n",
            (data, out) ->
                List.of(
                    "evaluate",
                    "--model",
                    url(MODEL_DIR),
                    "--data",
                    data,
                    "--output",
                    out + "/metrics.json"),
            3,
            p -> p + ": row 2: label 'z' is not one of the classes seen in training: x, y"));
  }

  /**
   * A tiny training run (2-3-2, two epochs) on the case's data into its output folder; an {@code
   * extra} argument that is an absolute HDFS path (the warm-start model) is passed as its URL.
   */
  private static Case train(
      String name,
      String content,
      int exitCode,
      Function<String, String> message,
      String... extra) {
    return new Case(
        name,
        content,
        (data, out) -> {
          List<String> args =
              new ArrayList<>(
                  List.of(
                      "train",
                      "--set",
                      "data.train=" + data,
                      "--set",
                      "output.dir=" + out,
                      "--set",
                      "model.hidden-layers=[3]",
                      "--set",
                      "train.epochs=2",
                      "--set",
                      "train.batch-size=4",
                      "--set",
                      "log.progress=never"));
          Stream.of(extra).map(a -> a.startsWith("/") ? url(a) : a).forEach(args::add);
          return args;
        },
        exitCode,
        message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputExitsWithItsCodeAndOneErrorLineAndWritesNothing(Case c) {
    SubmitResult run = results.get(c.name());
    String message = c.message().apply(url(c.data()));

    assertEquals(c.exitCode(), run.exitCode(), run.summary());
    assertEquals(List.of("error: " + message), errorLines(run), run.summary());
    assertNoStackTraceButSparksTaskFailures(run, message);
    assertFalse(
        cluster.hdfs().exists(c.out()),
        "the failed run wrote " + url(c.out()) + ": " + cluster.hdfs().list(c.out()));
  }

  @Test
  void divergenceExitsWithOneLineAndLeavesOnlyFiniteCheckpoints() {
    SubmitResult run = results.get("diverged");

    assertEquals(4, run.exitCode(), run.summary());
    List<String> errors = errorLines(run);
    assertEquals(1, errors.size(), run.summary());
    assertTrue(
        errors
            .get(0)
            .matches(
                "error: training diverged: the loss is (NaN|-?Infinity) at epoch \\d+, step \\d+; "
                    + "lower the learning rate \\(the last good checkpoint is kept\\)"),
        errors.get(0));
    assertFalse(
        run.stderr().contains("\tat "), "a stack trace on the driver's stderr\n" + run.summary());
    assertFalse(
        cluster.hdfs().exists(DIVERGED + "/model.mlp"), "a diverged run must not write a model");
    List<String> checkpoints = StoredModels.checkpoints(cluster.hdfs(), DIVERGED + "/checkpoints");
    assertFalse(checkpoints.isEmpty(), "the steps before the divergence were checkpointed");
    for (String p : checkpoints) {
      double[] w = StoredModels.checkpoint(cluster.hdfs(), p).state().params;
      assertTrue(Arrays.stream(w).allMatch(Double::isFinite), p + " holds non-finite weights");
    }
    System.out.printf("[diverged] %s; checkpoints left: %s%n", errors.get(0), checkpoints);
  }

  private static List<String> errorLines(SubmitResult run) {
    return run.stderr().lines().filter(l -> l.startsWith("error:")).toList();
  }

  /**
   * No stack trace on the driver's stderr apart from Spark's own WARN record of a failed task
   * attempt: a bad cell is found while a task parses its rows, and the scheduler logs the
   * executor's exception (stack included) before it retries the task and gives up. Such a record
   * must be the job's {@code InputException} with the same message. Spark's record of a message
   * that reached the driver after the endpoint it was for stopped is Spark's too ({@link
   * #LATE_MESSAGE}).
   */
  private static void assertNoStackTraceButSparksTaskFailures(SubmitResult run, String message) {
    StringBuilder rest = new StringBuilder();
    boolean inSparksRecord = false;
    String[] lines = run.stderr().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (LOG_RECORD.matcher(line).lookingAt() || line.startsWith("error:")) {
        inSparksRecord = line.contains(LOST_TASK) || line.contains(LATE_MESSAGE);
        if (line.contains(LOST_TASK)) {
          assertTrue(
              line.contains("sparkmlp.spark.io.InputException") && line.contains(message),
              "a task failed for another reason: " + line + "\n" + run.summary());
        } else if (inSparksRecord) {
          String next = i + 1 < lines.length ? lines[i + 1] : "";
          assertTrue(
              STOPPED_ENDPOINTS.contains(next),
              "Spark's record of a late message, for another reason: "
                  + next
                  + "\n"
                  + run.summary());
        }
      }
      if (!inSparksRecord) {
        rest.append(line).append('\n');
      }
    }
    assertFalse(
        rest.toString().contains("\tat "),
        "a stack trace on the driver's stderr\n" + run.summary());
    assertFalse(rest.toString().contains("Exception in thread"), run.summary());
  }

  private static String url(String path) {
    return cluster.hdfs().url(path);
  }

  private static byte[] bytes(String path) {
    try (InputStream in = cluster.hdfs().fileSystem().open(new Path(path))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + cluster.hdfs().url(path), e);
    }
  }
}

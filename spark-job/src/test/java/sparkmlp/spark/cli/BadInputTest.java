package sparkmlp.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkmlp.core.format.Json;
import sparkmlp.spark.SharedSpark;
import sparkmlp.spark.TestData;

/**
 * Every bad input the job issue names: a non-zero exit code, one line saying what and where, no
 * output folder created, and an existing model left byte for byte as it was.
 */
class BadInputTest {
  @TempDir static Path dir;
  private static Path goodCsv;
  private static Path model;
  private static byte[] modelBytes;

  private static final String GOOD =
      "a,b,label\n" + "1,2,x\n3,4,y\n1.5,2.5,x\n3.5,4.5,y\n0.5,1,x\n4,5,y\n" + "1,1.5,x\n3,3.5,y\n";

  @BeforeAll
  static void trainAModel() throws Exception {
    goodCsv = TestData.write(dir, "good.csv", GOOD);
    model = dir.resolve("model");
    CliRunner.Run r = CliRunner.mlp(tiny(goodCsv, model).toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    modelBytes = Files.readAllBytes(model.resolve("model.mlp"));
  }

  /** Args training a tiny model on {@code data} into {@code out}. */
  static List<String> tiny(Path data, Path out, String... extra) {
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
    args.addAll(List.of(extra));
    return args;
  }

  /**
   * Trains on bad data into a fresh folder and into the existing model's folder: both fail the same
   * way.
   */
  private static void assertTrainFails(Path data, int code, String message, String... extra)
      throws Exception {
    Path fresh = dir.resolve("never-" + System.nanoTime());
    CliRunner.Run r = CliRunner.mlp(tiny(data, fresh, extra).toArray(String[]::new));
    assertEquals(code, r.exitCode(), r.err());
    assertEquals("error: " + message, r.errorLine());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(fresh), "output folder must not be created");
    CliRunner.Run again = CliRunner.mlp(tiny(data, model, extra).toArray(String[]::new));
    assertEquals(code, again.exitCode());
    assertArrayEquals(
        modelBytes, Files.readAllBytes(model.resolve("model.mlp")), "existing model changed");
  }

  private static Path csv(String name, String content) {
    return TestData.write(dir, name, content);
  }

  @Test
  void missingPath() throws Exception {
    Path p = dir.resolve("nope.csv");
    assertTrainFails(p, 3, "mlp.data.train: no such file or directory: " + p);
  }

  @Test
  void emptyFile() throws Exception {
    Path p = csv("empty.csv", "");
    assertTrainFails(p, 3, p + ": file is empty");
  }

  @Test
  void headerOnly() throws Exception {
    Path p = csv("header.csv", "a,b,label\n");
    assertTrainFails(p, 3, p + ": no data rows after the header");
  }

  @Test
  void nonNumericCellNamesFileLineAndColumn() throws Exception {
    Path p = csv("text.csv", "a,b,label\n1,2,x\n3,abc,y\n1,2,x\n");
    assertTrainFails(p, 3, p + ":3:2: expected a number in column 'b', found 'abc'");
  }

  @Test
  void rowsOfUnequalLength() throws Exception {
    Path p = csv("ragged.csv", "a,b,label\n1,2,x\n3,y\n1,2,x\n");
    assertTrainFails(p, 3, p + ":3: expected 3 fields as in the header, found 2");
  }

  @Test
  void nanFeature() throws Exception {
    Path p = csv("nan.csv", "a,b,label\n1,2,x\nNaN,4,y\n1,2,x\n");
    assertTrainFails(p, 3, p + ":3:1: feature 'a' is NaN");
  }

  @Test
  void infiniteFeature() throws Exception {
    Path p = csv("inf.csv", "a,b,label\n1,2,x\n3,Infinity,y\n1,2,x\n");
    assertTrainFails(p, 3, p + ":3:2: feature 'b' is infinite");
  }

  /** The config names a column the data lacks: the setting is what is wrong, so usage (2). */
  @Test
  void hugeFiniteFeatureIsScaledByItsSpread() throws Exception {
    // column a: 1e308 and seven values of 0.5..4; its population std is 1e308·√7/8 (the small
    // values change it by ~1e-307 relative), so standard scale 8/(1e308·√7); column b: 2, 4, 2.5,
    // 4.5, 1, 5, 1.5, 3.5 has mean 3 and population variance 1.875. An overflowed variance used to
    // give column a scale 1 (or 0) and a useless model.
    Path p = csv("huge.csv", GOOD.replaceFirst("\n1,2,x", "\n1e308,2,x"));
    Path out = dir.resolve("huge-model");
    CliRunner.Run r =
        CliRunner.mlp(
            tiny(
                    p,
                    out,
                    "--set",
                    "data.validation-split=0",
                    "--set",
                    "model.normalization=standard")
                .toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    CliRunner.Run inspect = CliRunner.mlp("inspect", out.toString());
    assertEquals(0, inspect.exitCode(), inspect.err());
    JsonNode norm = Json.MAPPER.readTree(inspect.out()).path("normalization");
    double std = 1e308 / 8 * Math.sqrt(7);
    assertTrue(Double.isFinite(std));
    assertEquals(1 / std, norm.path("scale").get(0).asDouble(), 1e-12 / std);
    assertEquals(1e308 / 8, norm.path("shift").get(0).asDouble(), 1e308 / 8 * 1e-12);
    assertEquals(1 / Math.sqrt(1.875), norm.path("scale").get(1).asDouble(), 1e-15);
    assertEquals(3.0, norm.path("shift").get(1).asDouble(), 1e-15);
  }

  /** The error line for {@code key} set to an s3a path in a process without hadoop-aws. */
  private static String noS3a(String key, String path) {
    String v = org.apache.hadoop.util.VersionInfo.getVersion();
    return "error: "
        + key
        + ": "
        + path
        + ": no file system for 's3a://' in this process"
        + " (class org.apache.hadoop.fs.s3a.S3AFileSystem not found); it needs"
        + " org.apache.hadoop:hadoop-aws:"
        + v
        + " (the Hadoop version running here) on the driver and executors, e.g. spark-submit"
        + " --packages org.apache.hadoop:hadoop-aws:"
        + v
        + ", or a cluster that provides it";
  }

  @Test
  void anOutputFolderWithoutItsFileSystemFailsBeforeTraining() throws Exception {
    List<String> args = tiny(goodCsv, dir.resolve("unused"));
    args.add("--set");
    args.add("output.dir=\"s3a://bucket/out\"");
    CliRunner.Run r = CliRunner.mlp(args.toArray(String[]::new));
    assertEquals(3, r.exitCode(), r.err());
    assertEquals(noS3a("mlp.output.dir", "s3a://bucket/out"), r.errorLine());
    // checked before the data is read, so nothing about the data or the network was printed
    assertFalse(r.out().contains("training on"), "read the data before failing:\n" + r.out());
  }

  @Test
  void s3aWithoutHadoopAwsSaysWhatToAdd() throws Exception {
    // in-process there is no hadoop-aws: one line and exit 3, not a ClassNotFoundException
    Path fresh = dir.resolve("never-s3a");
    List<String> args = tiny(goodCsv, fresh);
    args.set(args.indexOf("data.train=" + goodCsv), "data.train=s3a://bucket/iris.csv");
    CliRunner.Run r = CliRunner.mlp(args.toArray(String[]::new));
    assertEquals(3, r.exitCode(), r.err());
    assertEquals(noS3a("mlp.data.train", "s3a://bucket/iris.csv"), r.errorLine());
    assertFalse(Files.exists(fresh));
  }

  @Test
  void unknownLabelColumnListsTheColumns() throws Exception {
    assertTrainFails(
        goodCsv,
        2,
        goodCsv + ": no label column 'lable'; columns are: a, b, label",
        "--set",
        "data.label-column=lable");
  }

  @Test
  void missingLabelCell() throws Exception {
    Path p = csv("nolabel.csv", "a,b,label\n1,2,x\n3,4,\n1,2,y\n");
    assertTrainFails(p, 3, p + ":3:3: empty label");
  }

  @Test
  void featureCountDifferentFromWarmStartModel() throws Exception {
    Path p = csv("three.csv", "a,b,c,label\n1,2,3,x\n3,4,5,y\n1,2,3,x\n3,4,5,y\n");
    assertTrainFails(
        p, 3, p + ": has 3 features, the model expects 2", "--init-model", model.toString());
  }

  @Test
  void configTypoSuggestsTheKey() throws Exception {
    assertTrainFails(
        goodCsv,
        2,
        "unknown config key 'mlp.train.batchsize'; did you mean 'mlp.train.batch-size'?",
        "--set",
        "train.batchsize=3");
  }

  @Test
  void batchSizeZero() throws Exception {
    assertTrainFails(
        goodCsv,
        2,
        "config key 'mlp.train.batch-size' must be >= 1, found 0",
        "--set",
        "train.batch-size=0");
  }

  @Test
  void negativeLearningRate() throws Exception {
    assertTrainFails(
        goodCsv,
        2,
        "config key 'mlp.train.optimizer.learning-rate' must be > 0, found -0.1",
        "--set",
        "train.optimizer.learning-rate=-0.1");
  }

  @Test
  void unknownFeatureColumnIsAConfigError() throws Exception {
    assertTrainFails(
        goodCsv,
        2,
        goodCsv + ": no feature column 'c'; columns are: a, b, label",
        "--set",
        "data.feature-columns=[a,c]");
  }

  @Test
  void regressionCannotMonitorValidationAccuracyAndNoJobRuns() throws Exception {
    Path p = csv("numeric.csv", "a,b,label\n1,2,0.5\n3,4,1.5\n1.5,2.5,0.7\n3.5,4.5,1.9\n");
    int jobsBefore = jobsRun();
    assertTrainFails(
        p,
        2,
        "config key 'mlp.train.early-stopping.monitor' is val_accuracy, which a regression model"
            + " does not have; expected one of loss, val_loss",
        "--set",
        "model.task=regression",
        "--set",
        "data.validation-split=0.25",
        "--set",
        "train.early-stopping.enabled=true",
        "--set",
        "train.early-stopping.monitor=val_accuracy");
    assertEquals(jobsBefore, jobsRun(), "no Spark job may run before the check");
  }

  @Test
  void validationMonitorWithoutValidationDataFailsBeforeAnyJob() throws Exception {
    int jobsBefore = jobsRun();
    assertTrainFails(
        goodCsv,
        2,
        "config key 'mlp.train.early-stopping.monitor' is val_loss, which needs validation data:"
            + " set mlp.data.validation or mlp.data.validation-split",
        "--set",
        "train.early-stopping.enabled=true");
    assertEquals(jobsBefore, jobsRun(), "no Spark job may run before the check");
  }

  @Test
  void badOutputFormatIsAUsageError() throws Exception {
    Path out = dir.resolve("pred-never");
    CliRunner.Run r =
        CliRunner.mlp(
            "predict",
            "--model",
            model.toString(),
            "--data",
            goodCsv.toString(),
            "--output",
            out.toString(),
            "--output-format",
            "xls");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(
        r.err().startsWith("error: --output-format: expected csv or parquet, found 'xls'\n"),
        r.err());
    assertFalse(Files.exists(out));
  }

  /** Jobs the shared Spark context has run so far (none of them in a job group). */
  private static int jobsRun() throws java.util.concurrent.TimeoutException {
    // The status tracker learns of jobs from the listener bus: let the previous test's jobs
    // arrive first, or they are counted as this test's.
    SharedSpark.context().sc().listenerBus().waitUntilEmpty();
    return SharedSpark.context().statusTracker().getJobIdsForGroup(null).length;
  }

  @Test
  void directReductionAboveMaxResultSizeNamesTheLimitAndTheSetting() throws Exception {
    // 2-4096-4096-2: 16,801,794 parameters, 134 MB a gradient; 8 of them exceed the 1 GiB default.
    assertTrainFails(
        goodCsv,
        2,
        "config key 'mlp.train.reduction' is direct: 8 partitions x 16,801,794 parameters x 8 B ="
            + " 1025.5 MiB to the driver every step, above spark.driver.maxResultSize = 1024.0"
            + " MiB; use reduction=sharded (or auto), fewer partitions, or raise"
            + " spark.driver.maxResultSize",
        "--set",
        "model.hidden-layers=[4096,4096]",
        "--set",
        "data.partitions=8",
        "--set",
        "train.reduction=direct",
        "--set",
        "train.single-process=never");
  }

  @Test
  void labelNotSeenInTrainingFailsEvaluate() throws Exception {
    Path p = csv("newlabel.csv", "a,b,label\n1,2,x\n3,4,z\n");
    Path metrics = dir.resolve("metrics-never.json");
    CliRunner.Run r =
        CliRunner.mlp(
            "evaluate",
            "--model",
            model.toString(),
            "--data",
            p.toString(),
            "--output",
            metrics.toString());
    assertEquals(3, r.exitCode(), r.err());
    assertEquals(
        "error: " + p + ": row 2: label 'z' is not one of the classes seen in training: x, y",
        r.errorLine());
    assertFalse(Files.exists(metrics));
  }

  @Test
  void corruptModelIsRejectedWithItsPath() throws Exception {
    Path bad = dir.resolve("corrupt.mlp");
    byte[] b = modelBytes.clone();
    // a low byte of the last weight (the CRC-32 is the last 4 bytes): the header stays valid JSON,
    // which a flip in the middle of the file, inside the header, did not always leave it
    b[b.length - 12] ^= 0x55;
    Files.write(bad, b);
    CliRunner.Run r = CliRunner.mlp("inspect", bad.toString());
    assertEquals(3, r.exitCode());
    assertEquals("error: " + bad + ": checksum mismatch: the file is corrupt", r.errorLine());
  }

  @Test
  void inspectPrintsLayersAndSummary() throws Exception {
    CliRunner.Run r = CliRunner.mlp("inspect", model.toString());
    assertEquals(0, r.exitCode(), r.err());
    com.fasterxml.jackson.databind.JsonNode j =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertEquals("2-3(relu)-2(softmax), softmax-cross-entropy", j.get("network_summary").asText());
    assertEquals(2, j.get("training").get("epochs").size());
    assertTrue(j.get("normalization").get("shift").isArray());
  }
}

package sparkmlp.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.Precision;
import sparkmlp.core.init.Initializer;
import sparkmlp.core.optim.OptimizerKind;
import sparkmlp.core.optim.ScheduleKind;
import sparkmlp.core.task.Task;
import sparkmlp.core.train.Monitor;
import sparkmlp.spark.io.DataFormat;

class ConfigLoaderTest {

  private static final Path REPO = findRepoRoot();

  @TempDir Path tmp;

  private static Path findRepoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("conf/iris.conf"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (conf/iris.conf) above the working directory");
  }

  private static JobConfig load(String... overrides) {
    return ConfigLoader.load(null, List.of(overrides));
  }

  private static JobConfig bundled(String name) {
    return ConfigLoader.load(REPO.resolve("conf").resolve(name), List.of());
  }

  private Path write(String name, String hocon) throws IOException {
    return Files.writeString(tmp.resolve(name), hocon);
  }

  private static String errorOf(Path file, String... overrides) {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> ConfigLoader.load(file, List.of(overrides)));
    assertFalse(e.getMessage().contains("\n"), "message must be one line: " + e.getMessage());
    return e.getMessage();
  }

  private static String errorOf(String... overrides) {
    return errorOf(null, overrides);
  }

  // ---- defaults -------------------------------------------------------------------------

  @Test
  void defaultsEqualTheDocumentedValues() {
    JobConfig c = load();

    DataSettings d = c.data();
    assertEquals(DataFormat.AUTO, d.format());
    assertNull(d.train());
    assertNull(d.trainLabels());
    assertNull(d.validation());
    assertNull(d.validationLabels());
    assertEquals(0.0, d.validationSplit());
    assertNull(d.test());
    assertNull(d.testLabels());
    assertEquals("label", d.labelColumn());
    assertEquals(List.of(), d.labelColumns());
    assertEquals(List.of(), d.featureColumns());
    assertEquals("features", d.featuresColumn());
    assertEquals(0, d.numFeatures());
    assertEquals(List.of(), d.classNames());
    assertEquals(0, d.partitions());
    assertEquals(Precision.DOUBLE, d.storage());

    ModelSettings m = c.model();
    assertEquals(Task.MULTICLASS, m.task());
    assertEquals(List.of(64), m.hiddenLayers());
    assertEquals(Activation.RELU, m.hiddenActivation());
    assertEquals(Optional.empty(), m.outputActivation());
    assertEquals(Optional.empty(), m.initializer());
    assertEquals(Normalizer.Kind.STANDARD, m.normalization());

    TrainSettings t = c.train();
    assertEquals(10, t.epochs());
    assertEquals(64, t.batchSize());
    assertEquals(42L, t.seed());
    assertEquals(
        new OptimizerSettings(OptimizerKind.ADAM, 0.001, 0.9, false, 0.9, 0.999, 1e-8, 0.0),
        t.optimizer());
    assertEquals(
        new ScheduleSettings(ScheduleKind.CONSTANT, 10, 0.5, 0, 0.0, 0.3, 25, 1e4), t.schedule());
    assertEquals(
        new EarlyStoppingSettings(false, Monitor.VAL_LOSS, 5, 0.0, true), t.earlyStopping());
    assertEquals(new CheckpointSettings(1, 0, 2, null), t.checkpoint());
    assertEquals(TrainSettings.Reduction.AUTO, t.reduction());
    assertEquals(TrainSettings.SingleProcess.AUTO, t.singleProcess());

    assertNull(c.output().dir());
    assertEquals(new SparkSettings(null, "sparkmlp", Map.of()), c.spark());
    assertEquals(LogSettings.Progress.AUTO, c.log().progress());
  }

  @Test
  void systemPropertiesAreNotMerged() {
    System.setProperty("mlp.train.epochs", "99");
    try {
      assertEquals(10, load().train().epochs());
    } finally {
      System.clearProperty("mlp.train.epochs");
    }
  }

  // ---- bundled configurations -------------------------------------------------------------

  @Test
  void irisConfLoads() {
    JobConfig c = bundled("iris.conf");
    assertEquals("datasets/iris/train.csv", c.data().train());
    assertEquals("datasets/iris/test.csv", c.data().test());
    assertEquals(0.1, c.data().validationSplit());
    assertEquals(List.of("setosa", "versicolor", "virginica"), c.data().classNames());
    assertEquals(Task.MULTICLASS, c.model().task());
    assertEquals(List.of(16), c.model().hiddenLayers());
    assertEquals(Activation.TANH, c.model().hiddenActivation());
    assertEquals(OptimizerKind.ADAM, c.train().optimizer().name());
    assertEquals("out/iris", c.output().dir());
  }

  @Test
  void breastCancerConfLoads() {
    JobConfig c = bundled("breast-cancer.conf");
    assertEquals("datasets/breast-cancer/train.csv", c.data().train());
    assertEquals("datasets/breast-cancer/test.csv", c.data().test());
    assertEquals(List.of("malignant", "benign"), c.data().classNames());
    assertEquals(Task.BINARY, c.model().task());
    assertEquals(List.of(32), c.model().hiddenLayers());
    assertEquals("out/breast-cancer", c.output().dir());
  }

  @Test
  void digitsConfLoads() {
    JobConfig c = bundled("digits.conf");
    assertEquals("datasets/digits/train.csv", c.data().train());
    assertEquals("datasets/digits/test.csv", c.data().test());
    assertEquals(List.of(64), c.model().hiddenLayers());
    assertEquals("out/digits", c.output().dir());
  }

  @Test
  void fashionMnistConfLoads() {
    JobConfig c = bundled("fashion-mnist.conf");
    String dir = "/usr/share/datasets/fashion-mnist/";
    assertEquals(DataFormat.IDX, c.data().format());
    assertEquals(dir + "train-images-idx3-ubyte.gz", c.data().train());
    assertEquals(dir + "train-labels-idx1-ubyte.gz", c.data().trainLabels());
    assertEquals(dir + "t10k-images-idx3-ubyte.gz", c.data().test());
    assertEquals(dir + "t10k-labels-idx1-ubyte.gz", c.data().testLabels());
    assertEquals(0.0, c.data().validationSplit());
    assertEquals(List.of(256, 128), c.model().hiddenLayers());
    assertEquals(Activation.RELU, c.model().hiddenActivation());
    assertEquals(Normalizer.Kind.MINMAX, c.model().normalization());
    assertEquals(1024, c.train().batchSize());
    assertEquals(6, c.train().epochs());
    assertEquals(Precision.FLOAT, c.train().precision());
    assertEquals(OptimizerKind.ADAM, c.train().optimizer().name());
    assertEquals(0.008, c.train().optimizer().learningRate());
    assertEquals(
        new ScheduleSettings(ScheduleKind.ONE_CYCLE, 10, 0.5, 0, 0.0, 0.3, 25, 1e4),
        c.train().schedule());
    assertEquals(TrainSettings.Engine.BARRIER, c.train().engine());
    assertEquals(TrainSettings.Engine.AUTO, bundled("digits.conf").train().engine());
    assertEquals("out/fashion-mnist", c.output().dir());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iris.conf", "breast-cancer.conf", "digits.conf"})
  void bundledCsvConfsPointAtCommittedFiles(String name) {
    JobConfig c = bundled(name);
    assertTrue(Files.isRegularFile(REPO.resolve(c.data().train())), c.data().train());
    assertTrue(Files.isRegularFile(REPO.resolve(c.data().test())), c.data().test());
  }

  // ---- overrides --------------------------------------------------------------------------

  @Test
  void overridesWorkWithAndWithoutTheRootPrefix() {
    assertEquals(3, load("train.epochs=3").train().epochs());
    assertEquals(3, load("mlp.train.epochs=3").train().epochs());
    assertEquals(
        0.05, load("train.optimizer.learning-rate = 0.05").train().optimizer().learningRate());
  }

  @Test
  void overrideValuesAreHocon() {
    JobConfig c =
        load(
            "model.hidden-layers=[64,32]",
            "data.class-names=[a, b]",
            "train.early-stopping.enabled=true");
    assertEquals(List.of(64, 32), c.model().hiddenLayers());
    assertEquals(List.of("a", "b"), c.data().classNames());
    assertTrue(c.train().earlyStopping().enabled());
    assertEquals(List.of(), load("model.hidden-layers=[]").model().hiddenLayers());
  }

  @Test
  void laterOverrideWinsAndOverridesBeatTheFile() throws IOException {
    Path file =
        write("job.conf", "mlp.train { epochs = 7, batch-size = 8 }\nmlp.data.test = t.csv\n");
    JobConfig c =
        ConfigLoader.load(file, List.of("train.epochs=3", "train.epochs=4", "data.test=null"));
    assertEquals(4, c.train().epochs());
    assertEquals(8, c.train().batchSize());
    assertNull(c.data().test());
  }

  @Test
  void uriOverridesAreTakenVerbatim() {
    JobConfig c =
        load(
            "data.train=hdfs://nn:8020/data/train.csv",
            "output.dir=s3a://bucket/models/run#1",
            "spark.master=local[2]");
    assertEquals("hdfs://nn:8020/data/train.csv", c.data().train());
    assertEquals("s3a://bucket/models/run#1", c.output().dir());
    assertEquals("local[2]", c.spark().master());
  }

  @Test
  void emptyOverrideUnsetsAPath() throws IOException {
    Path file = write("job.conf", "mlp.output.dir = out/x\n");
    assertNull(ConfigLoader.load(file, List.of("output.dir=")).output().dir());
  }

  @Test
  void enumValuesIgnoreCase() {
    assertEquals(Task.BINARY, load("model.task=BINARY").model().task());
    assertEquals(
        Optional.of(Initializer.GLOROT_UNIFORM),
        load("model.initializer=Glorot-Uniform").model().initializer());
    assertEquals(
        Monitor.VAL_ACCURACY,
        load("train.early-stopping.monitor=val_accuracy").train().earlyStopping().monitor());
  }

  @Test
  void sparkConfAcceptsNestedAndQuotedKeys() throws IOException {
    Path file =
        write(
            "spark.conf",
            """
                mlp.spark.conf {
                  spark.executor.memory = 4g
                  "spark.sql.shuffle.partitions" = 8
                  spark.eventLog.enabled = true
                }
                """);
    JobConfig c = ConfigLoader.load(file, List.of("spark.conf.\"spark.driver.memory\"=2g"));
    assertEquals(
        Map.of(
            "spark.executor.memory",
            "4g",
            "spark.sql.shuffle.partitions",
            "8",
            "spark.eventLog.enabled",
            "true",
            "spark.driver.memory",
            "2g"),
        c.spark().conf());
  }

  @Test
  void numbersWrittenAsStringsAreAccepted() throws IOException {
    // Substitutions from environment variables always yield strings.
    Path file =
        write("job.conf", "mlp.train { epochs = \"12\", optimizer.learning-rate = \"0.5\" }\n");
    JobConfig c = ConfigLoader.load(file, List.of());
    assertEquals(12, c.train().epochs());
    assertEquals(0.5, c.train().optimizer().learningRate());
  }

  @Test
  void substitutionsResolveAgainstTheUserFile() throws IOException {
    Path file = write("job.conf", "base = /data/run1\nmlp.data.train = ${base}/train.csv\n");
    assertEquals("/data/run1/train.csv", ConfigLoader.load(file, List.of()).data().train());
  }

  // ---- errors -----------------------------------------------------------------------------

  @Test
  void unknownKeySuggestsTheNearestKey() {
    assertEquals(
        "unknown config key 'mlp.train.batchsize'; did you mean 'mlp.train.batch-size'?",
        errorOf("train.batchsize=32"));
    assertEquals(
        "unknown config key 'mlp.train.epoch'; did you mean 'mlp.train.epochs'?",
        errorOf("train.epoch=3"));
  }

  @Test
  void unknownKeySuggestsKeysAtOtherLevels() {
    assertEquals(
        "unknown config key 'mlp.train.learning-rate'; did you mean 'mlp.train.optimizer.learning-rate'?",
        errorOf("train.learning-rate=0.1"));
  }

  @Test
  void unknownKeyListsTwoSuggestionsNearestFirst() {
    assertEquals(
        "unknown config key 'mlp.train.beta1'; did you mean 'mlp.train.optimizer.beta1' or "
            + "'mlp.train.optimizer.beta2'?",
        errorOf("train.beta1=0.9"));
  }

  @Test
  void unknownKeySuggestsKeysThatContainIt() {
    assertEquals(
        "unknown config key 'mlp.model.activation'; did you mean 'mlp.model.hidden-activation' or "
            + "'mlp.model.output-activation'?",
        errorOf("model.activation=relu"));
  }

  @Test
  void suggestionsAreCappedAtThreeWithSameLevelKeysFirst() {
    List<String> valid =
        List.of(
            "mlp.b.keys", "mlp.a.key4", "mlp.a.key2", "mlp.a.key1", "mlp.a.key3", "mlp.a.other");
    assertEquals(
        "; did you mean 'mlp.a.key1', 'mlp.a.key2' or 'mlp.a.key3'?",
        UnknownKeyCheck.didYouMean("mlp.a.keys", valid));
  }

  @Test
  void unknownKeyWithoutNearKeysHasNoSuggestion() {
    assertEquals("unknown config key 'mlp.xyzzy'", errorOf("xyzzy=1"));
  }

  @Test
  void unknownSectionIsReportedAtItsTop() {
    assertEquals(
        "unknown config key 'mlp.train.optimiser'; did you mean 'mlp.train.optimizer'?",
        errorOf("train.optimiser.name=sgd"));
  }

  @Test
  void unknownKeyInAFileNamesFileAndLine() throws IOException {
    Path file = write("typo.conf", "mlp {\n  train {\n    batchsize = 32\n  }\n}\n");
    assertEquals(
        file + ":3: unknown config key 'mlp.train.batchsize'; did you mean 'mlp.train.batch-size'?",
        errorOf(file));
  }

  @Test
  void keysInsideSparkConfAreNotChecked() {
    assertEquals(Map.of("anything.goes", "1"), load("spark.conf.anything.goes=1").spark().conf());
  }

  @Test
  void otherRootKeysAreIgnored() throws IOException {
    Path file = write("job.conf", "akka.loglevel = DEBUG\nmlp.train.epochs = 2\n");
    assertEquals(2, ConfigLoader.load(file, List.of()).train().epochs());
  }

  @Test
  void wrongTypeSaysWhatWasExpectedAndFound() {
    assertEquals(
        "config key 'mlp.train.epochs': expected an integer, found STRING \"ten\"",
        errorOf("train.epochs=ten"));
    assertEquals(
        "config key 'mlp.train.epochs': expected an integer, found NUMBER 2.5",
        errorOf("train.epochs=2.5"));
    assertEquals(
        "config key 'mlp.train.optimizer.nesterov': expected a boolean (true or false), found STRING \"maybe\"",
        errorOf("train.optimizer.nesterov=maybe"));
    assertEquals(
        "config key 'mlp.model.hidden-layers': expected a list of integers, found NUMBER 64",
        errorOf("model.hidden-layers=64"));
    assertEquals(
        "config key 'mlp.model.hidden-layers[1]': expected an integer, found STRING \"x\"",
        errorOf("model.hidden-layers=[64, x]"));
    assertEquals(
        "config key 'mlp.data.label-column': expected a string, found NULL",
        errorOf("data.label-column=null"));
    assertEquals("config key 'mlp.train': expected an object, found NUMBER 5", errorOf("train=5"));
  }

  @Test
  void wrongTypeInAFileNamesFileAndLine() throws IOException {
    Path file =
        write("x.conf", "mlp {\n  train {\n    batch-size = 16\n    epochs = ten\n  }\n}\n");
    assertEquals(
        file + ":4: config key 'mlp.train.epochs': expected an integer, found STRING \"ten\"",
        errorOf(file));
  }

  @Test
  void outOfRangeValuesNameTheRule() {
    assertEquals(
        "config key 'mlp.train.batch-size' must be >= 1, found 0", errorOf("train.batch-size=0"));
    assertEquals(
        "config key 'mlp.train.optimizer.learning-rate' must be > 0, found -0.1",
        errorOf("train.optimizer.learning-rate=-0.1"));
    assertEquals(
        "config key 'mlp.data.validation-split' must be in [0, 1), found 1",
        errorOf("data.validation-split=1"));
    assertEquals(
        "config key 'mlp.train.schedule.gamma' must be in (0, 1], found 0",
        errorOf("train.schedule.gamma=0"));
    assertEquals(
        "config key 'mlp.train.optimizer.weight-decay' must be >= 0, found -0.5",
        errorOf("train.optimizer.weight-decay=-0.5"));
    assertEquals(
        "config key 'mlp.model.hidden-layers[1]' must be >= 1, found 0",
        errorOf("model.hidden-layers=[64,0]"));
    assertEquals(
        "config key 'mlp.train.epochs' must be <= 2147483647, found 3000000000",
        errorOf("train.epochs=3000000000"));
    assertEquals(
        "config key 'mlp.data.partitions' must be >= 0, found -2", errorOf("data.partitions=-2"));
  }

  @Test
  void perBatchScheduleKeysAreReadAndChecked() {
    ScheduleSettings s =
        load(
                "train.schedule.type=one-cycle",
                "train.schedule.pct-start=0.25",
                "train.schedule.div-factor=10",
                "train.schedule.final-div-factor=100",
                "train.schedule.min-fraction=0.05")
            .train()
            .schedule();
    assertEquals(new ScheduleSettings(ScheduleKind.ONE_CYCLE, 10, 0.5, 0, 0.05, 0.25, 10, 100), s);
    assertEquals(
        30,
        load("train.schedule.type=cosine", "train.schedule.warmup-steps=30")
            .train()
            .schedule()
            .warmupSteps());
    assertEquals(
        "config key 'mlp.train.schedule.pct-start' must be in (0, 1), found 1",
        errorOf("train.schedule.pct-start=1"));
    assertEquals(
        "config key 'mlp.train.schedule.pct-start' must be in (0, 1), found 0",
        errorOf("train.schedule.pct-start=0"));
    assertEquals(
        "config key 'mlp.train.schedule.min-fraction' must be in [0, 1], found 1.5",
        errorOf("train.schedule.min-fraction=1.5"));
    assertEquals(
        "config key 'mlp.train.schedule.div-factor' must be >= 1, found 0.5",
        errorOf("train.schedule.div-factor=0.5"));
    assertEquals(
        "config key 'mlp.train.schedule.final-div-factor' must be >= 1, found 0",
        errorOf("train.schedule.final-div-factor=0"));
    assertEquals(
        "config key 'mlp.train.schedule.warmup-steps' must be >= 0, found -5",
        errorOf("train.schedule.warmup-steps=-5"));
    assertEquals(
        "config key 'mlp.train.schedule.warmup-steps' must be 0 with one-cycle, which warms up"
            + " over pct-start of the run, found 10",
        errorOf("train.schedule.type=one-cycle", "train.schedule.warmup-steps=10"));
    assertEquals(
        "config key 'mlp.train.schedule.type' must be one of constant, step, exponential, cosine,"
            + " one-cycle; found 'linear'",
        errorOf("train.schedule.type=linear"));
  }

  @Test
  void badEnumListsTheChoices() {
    assertEquals(
        "config key 'mlp.model.task' must be one of multiclass, binary, multilabel, regression; found 'multi'",
        errorOf("model.task=multi"));
    assertEquals(
        "config key 'mlp.train.early-stopping.monitor' must be one of loss, val_loss, val_accuracy; "
            + "found 'val-loss'",
        errorOf("train.early-stopping.monitor=val-loss"));
    assertEquals(
        "config key 'mlp.data.format' must be one of auto, csv, libsvm, parquet, idx; found 'xls'",
        errorOf("data.format=xls"));
    assertEquals(
        "config key 'mlp.model.output-activation' must be one of auto, sigmoid, tanh, relu, identity,"
            + " softmax; found 'linear'",
        errorOf("model.output-activation=linear"));
  }

  @Test
  void softmaxIsNoHiddenActivation() {
    assertEquals(
        "config key 'mlp.model.hidden-activation' must be one of sigmoid, tanh, relu, identity;"
            + " found 'softmax'",
        errorOf("model.hidden-activation=softmax"));
  }

  @Test
  void everyEnumSettingRoundTripsThroughItsId() {
    JobConfig c =
        load(
            "model.output-activation=relu",
            "model.task=regression",
            "model.initializer=he-normal",
            "train.optimizer.name=momentum",
            "train.schedule.type=exponential",
            "train.schedule.warmup-steps=7",
            "train.schedule.min-fraction=0.2",
            "data.storage=float",
            "train.precision=float",
            "log.progress=never");
    assertEquals(c, ConfigLoader.fromConfig(c.toConfig()));
    assertEquals(Optional.of(Activation.RELU), c.model().outputActivation());
    assertEquals(OptimizerKind.MOMENTUM, c.train().optimizer().name());
    assertEquals(ScheduleKind.EXPONENTIAL, c.train().schedule().type());
    assertEquals(Precision.FLOAT, c.data().storage());
    assertEquals(Precision.FLOAT, c.train().precision());
  }

  @Test
  void emptyAndDuplicateNamesAreRejected() {
    assertEquals(
        "config key 'mlp.data.label-column' must not be empty", errorOf("data.label-column=\"\""));
    assertEquals(
        "config key 'mlp.data.class-names' lists 'a' more than once",
        errorOf("data.class-names=[a, b, a]"));
  }

  @Test
  void missingFileIsReported() {
    assertEquals("config file not found: conf/nope.conf", errorOf(Path.of("conf/nope.conf")));
  }

  @Test
  void folderIsNotAReadableFile() {
    assertEquals("config file not readable: " + tmp, errorOf(tmp));
  }

  @Test
  void syntaxErrorNamesFileLineAndReason() throws IOException {
    Path file = write("bad.conf", "mlp {\n  train {\n    epochs = 3\n  }\n");
    assertEquals(
        file + ":5: syntax error: expecting a close parentheses ')' here, not: end of file",
        errorOf(file));
  }

  @Test
  void malformedSetIsReported() {
    assertEquals("--set expects key=value, found 'epochs'", errorOf("epochs"));
    assertEquals("--set expects key=value, found '=3'", errorOf("=3"));
    assertEquals(
        "--set 'model.hidden-layers=[64,': invalid HOCON value: List should have had new element "
            + "after a comma, instead had token: end of file (if you want the comma or end of file to be part "
            + "of a string value, then double-quote it)",
        errorOf("model.hidden-layers=[64,"));
  }

  @Test
  void nullOverridesAreTreatedAsNoOverrides() {
    assertEquals(10, ConfigLoader.load(null, null).train().epochs());
  }

  // ---- rendering --------------------------------------------------------------------------

  @Test
  void renderRoundTripsToAnEqualConfig() {
    JobConfig c =
        load(
            "data.train=hdfs://nn/x.csv",
            "data.class-names=[\"0\", \"1\"]",
            "model.hidden-layers=[128, 64, 32]",
            "train.optimizer.epsilon=1e-7",
            "train.seed=-9007199254740993",
            "spark.conf.\"spark.executor.memory\"=4g",
            "train.checkpoint.dir=ckpt",
            "log.progress=never");
    String rendered = c.render();
    assertTrue(rendered.contains("batch-size"), rendered);
    assertEquals(c, ConfigLoader.fromConfig(ConfigFactory.parseString(rendered)));
    assertEquals(List.of("0", "1"), c.data().classNames());
  }

  @ParameterizedTest
  @ValueSource(strings = {"iris.conf", "breast-cancer.conf", "digits.conf", "fashion-mnist.conf"})
  void bundledConfsRoundTripThroughRender(String name) {
    JobConfig c = bundled(name);
    assertEquals(c, ConfigLoader.fromConfig(ConfigFactory.parseString(c.render())));
  }

  @Test
  void defaultsRoundTripThroughRender() {
    JobConfig c = load();
    assertEquals(c, ConfigLoader.fromConfig(ConfigFactory.parseString(c.render())));
  }

  // ---- helpers on the records -------------------------------------------------------------

  @Test
  void editDistanceCountsSingleEdits() {
    assertEquals(1, UnknownKeyCheck.editDistance("batchsize", "batch-size"));
    assertEquals(3, UnknownKeyCheck.editDistance("kitten", "sitting"));
    assertEquals(4, UnknownKeyCheck.editDistance("", "keep"));
  }
}

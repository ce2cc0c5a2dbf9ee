package sparkmlp.spark.data;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;
import sparkmlp.core.data.DataBlock;
import sparkmlp.core.data.FeatureStats;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.data.Precision;
import sparkmlp.core.data.ValidationSplit;
import sparkmlp.core.task.Task;
import sparkmlp.spark.config.DataSettings;
import sparkmlp.spark.io.DataReader;
import sparkmlp.spark.io.DataSpec;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawData;

/**
 * Turns raw examples into what training needs: labels encoded, the validation split drawn, feature
 * statistics gathered, normalisation applied, and each partition stacked into one cached block.
 *
 * <p>The validation split is core's {@link ValidationSplit}: partition-independent, and the same as
 * the reference trainer's.
 */
public final class DataPreparer {
  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final DataSettings settings;
  // What the survey of the classes gathered on the way, for prepare (null: nothing).
  private Surveyed surveyed;

  /** The statistics and parsed rows of every example of {@code raw}, gathered with its classes. */
  private record Surveyed(RawData raw, DataSurvey.Result survey) {}

  public DataPreparer(SparkSession spark, DataSettings settings) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.settings = settings;
  }

  /** Reads a data set given by a config key's path (and IDX labels path). */
  public RawData read(String configKey, String path, String labelsPath) {
    List<String> labels =
        settings.labelColumns().isEmpty()
            ? List.of(settings.labelColumn())
            : settings.labelColumns();
    return read(configKey, path, labelsPath, labels, settings.featureColumns());
  }

  /** Reads only the given feature columns of a data set, ignoring labels (for prediction). */
  public RawData readFeatures(
      String configKey, String path, String labelsPath, List<String> featureColumns) {
    return read(configKey, path, labelsPath, List.of(), featureColumns);
  }

  private RawData read(
      String configKey,
      String path,
      String labelsPath,
      List<String> labels,
      List<String> featureColumns) {
    return DataReader.read(
        spark,
        new DataSpec(
            configKey,
            path,
            labelsPath,
            DataSpec.Columns.labelled(labels, featureColumns),
            new DataSpec.Layout(
                settings.format(), settings.featuresColumn(), settings.numFeatures())));
  }

  /**
   * The label encoding the training data implies: its distinct labels as classes, or its label
   * columns.
   */
  public LabelEncoder encoderFor(Task task, RawData raw) {
    if (!task.isClassification()) {
      return LabelEncoder.forColumns(task, raw.labelNames());
    }
    if (raw.labelNames().size() != 1) {
      throw new InputException(
          raw.source()
              + ": a "
              + task.id()
              + " task needs one label column, found "
              + raw.labelNames().size()
              + ": "
              + String.join(", ", raw.labelNames()));
    }
    List<String> classes = settings.classNames();
    if (classes.isEmpty()) {
      // With no example held out, every example is a training one: the same scan gathers the
      // statistics, and preparation reads the rows once more, to build the blocks.
      boolean withStats = settings.validationSplit() == 0;
      jsc.setJobDescription(
          (withStats ? "finding the classes and feature statistics of " : "finding the classes of ")
              + raw.source());
      DataSurvey.Result survey = DataSurvey.run(raw, withStats);
      release();
      surveyed = withStats ? new Surveyed(raw, survey) : null;
      classes = LabelEncoder.sortedClasses(survey.labels());
    }
    try {
      return LabelEncoder.forClasses(task, classes);
    } catch (IllegalArgumentException e) {
      throw new InputException(
          raw.source()
              + ": "
              + e.getMessage()
              + (settings.classNames().isEmpty()
                  ? " (labels in column '" + raw.labelNames().get(0) + "')"
                  : ""));
    }
  }

  /**
   * Refuses to fit a normalisation to a column whose statistics are not finite. The readers reject
   * NaN and infinite cells and {@link FeatureStats} does not overflow on finite ones, so this only
   * guards against what those checks miss, naming the file and column instead of failing later.
   */
  static void checkStatistics(
      String source, List<String> names, Normalizer.Kind kind, FeatureStats stats) {
    int bad = kind == Normalizer.Kind.NONE ? -1 : stats.firstNonFinite();
    if (bad >= 0) {
      throw new InputException(
          source
              + ": column '"
              + names.get(bad)
              + "': statistics are not finite ("
              + stats.describe(bad)
              + "), cannot fit "
              + kind.id()
              + " normalization");
    }
  }

  /**
   * Prepares training (and validation) data. {@code fixedNormalizer}: reuse this transform (warm
   * start, resume) instead of fitting one. {@code validationRaw}: a separate validation set, else
   * the split.
   */
  public PreparedData prepare(
      RawData raw,
      RawData validationRaw,
      LabelEncoder encoder,
      Normalizer.Kind kind,
      Normalizer fixedNormalizer,
      long seed,
      Task task) {
    String source = raw.source();
    long total = count(raw);
    double fraction = validationRaw != null ? 0 : settings.validationSplit();
    long numVal = heldOut(seed, total, fraction);
    RowEncoding encoding = new RowEncoding(source, encoder, seed, total, fraction);
    DataSurvey.Result survey =
        fraction == 0 && surveyed != null && surveyed.raw() == raw ? surveyed.survey() : null;
    try {
      Normalizer normalizer =
          fixedNormalizer != null
              ? fixedNormalizer
              : fitNormalizer(source, raw.featureNames(), kind, statistics(raw, encoding, survey));
      RawData rows = survey == null ? raw : survey.reparsed(raw);
      return prepare(rows, validationRaw, encoding, normalizer, numVal);
    } finally {
      release();
    }
  }

  /** Drops what the survey kept for preparation. */
  private void release() {
    if (surveyed != null) {
      surveyed.survey().release();
      surveyed = null;
    }
  }

  /** Stacks and caches the blocks once the normaliser is known. */
  private PreparedData prepare(
      RawData raw,
      RawData validationRaw,
      RowEncoding encoding,
      Normalizer normalizer,
      long numVal) {
    String source = raw.source();
    List<String> names = raw.featureNames();
    int nf = names.size();
    LabelEncoder encoder = encoding.encoder();
    long seed = encoding.seed();
    long numTrain = encoding.total() - numVal;
    int partitions = settings.partitions() > 0 ? settings.partitions() : jsc.defaultParallelism();
    boolean floats = settings.storage() == Precision.FLOAT;
    CacheBudget.check(
        numTrain,
        nf,
        encoder.targetRows(),
        floats,
        partitions,
        CacheBudget.freeStorage(jsc),
        CacheBudget.growable(jsc));
    JavaRDD<PartitionData> train =
        TrainBlocks.build(raw, encoding, normalizer, numTrain, partitions, floats);
    jsc.setJobDescription("stacking and caching " + numTrain + " training examples");
    Tuple2<Long, DataFingerprint> cached =
        train
            .map(
                p ->
                    new Tuple2<>(
                        p.block().memoryBytes(), new DataFingerprint().merge(p.fingerprint())))
            .reduce((a, b) -> new Tuple2<>(a._1() + b._1(), a._2().merge(b._2())));
    JavaRDD<DataBlock> validation = null;
    if (validationRaw != null) {
      checkFeatures(validationRaw, names);
      RowEncoding separate = new RowEncoding(validationRaw.source(), encoder, seed, 1, 0);
      validation = ExampleBlocks.blocks(validationRaw, separate, normalizer, false);
    } else if (numVal > 0) {
      validation = ExampleBlocks.blocks(raw, encoding, normalizer, true);
    }
    long validationCount =
        validation == null
            ? numVal
            : cacheValidation(validation, validationRaw != null ? validationRaw.source() : source);
    return new PreparedData(
        source,
        names,
        encoder,
        normalizer,
        numTrain,
        validationCount,
        train,
        validation,
        cached._2(),
        cached._1(),
        partitions);
  }

  /** The examples of a data set: counted by its reader already, or counted here. */
  private long count(RawData raw) {
    long total = raw.count();
    if (total < 0) {
      jsc.setJobDescription("counting " + raw.source());
      total = raw.rows().count();
    }
    if (total == 0) {
      throw new InputException(raw.source() + ": no examples");
    }
    return total;
  }

  /**
   * Statistics of the training examples: those the survey of the classes gathered when no example
   * is held out, else from a pass of their own (which also checks every row's labels).
   */
  private FeatureStats statistics(RawData raw, RowEncoding encoding, DataSurvey.Result survey) {
    if (survey != null) {
      return survey.stats();
    }
    jsc.setJobDescription("feature statistics of " + raw.source());
    return ExampleBlocks.summarise(raw, encoding);
  }

  private static Normalizer fitNormalizer(
      String source, List<String> names, Normalizer.Kind kind, FeatureStats stats) {
    checkStatistics(source, names, kind, stats);
    return Normalizer.fit(kind, stats);
  }

  /** How many of {@code total} examples the split holds out; refuses to hold out all of them. */
  private long heldOut(long seed, long total, double fraction) {
    long numVal = new ValidationSplit(seed, total, fraction).heldOut();
    if (numVal >= total) {
      throw new InputException(
          "mlp.data.validation-split "
              + settings.validationSplit()
              + " leaves no training examples of "
              + total);
    }
    if (total - numVal > Integer.MAX_VALUE) {
      // The batch rule indexes a partition's examples with ints (BatchPlan).
      throw new InputException(
          "at most " + Integer.MAX_VALUE + " training examples, found " + (total - numVal));
    }
    return numVal;
  }

  /** Caches the validation blocks and counts them; refuses an empty validation set. */
  private long cacheValidation(JavaRDD<DataBlock> validation, String source) {
    validation.setName("sparkmlp validation blocks").persist(StorageLevel.MEMORY_ONLY());
    jsc.setJobDescription("caching validation examples");
    long count = validation.map(b -> (long) b.size()).reduce(Long::sum);
    if (count == 0) {
      throw new InputException(source + ": no validation examples");
    }
    return count;
  }

  /** Evaluation blocks of a data set, encoded and normalised as the model was trained. */
  public JavaRDD<DataBlock> evaluationBlocks(
      RawData raw, LabelEncoder encoder, Normalizer normalizer, List<String> modelFeatures) {
    checkFeatures(raw, modelFeatures);
    return ExampleBlocks.blocks(
        raw, new RowEncoding(raw.source(), encoder, 0, 1, 0), normalizer, false);
  }

  /** Rejects data whose features differ from what a model or the training data had. */
  public static void checkFeatures(RawData raw, List<String> expected) {
    List<String> found = raw.featureNames();
    if (found.size() != expected.size()) {
      throw new InputException(
          raw.source()
              + ": has "
              + found.size()
              + " features, the model expects "
              + expected.size());
    }
    for (int j = 0; j < found.size(); j++) {
      if (!found.get(j).equals(expected.get(j))) {
        throw new InputException(
            raw.source()
                + ": feature "
                + (j + 1)
                + " is '"
                + found.get(j)
                + "', the model expects '"
                + expected.get(j)
                + "'");
      }
    }
  }
}

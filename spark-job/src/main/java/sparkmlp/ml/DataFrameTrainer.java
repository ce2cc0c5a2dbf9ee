package sparkmlp.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import sparkmlp.core.data.LabelEncoder;
import sparkmlp.core.model.Model;
import sparkmlp.core.task.Task;
import sparkmlp.spark.config.ConfigLoader;
import sparkmlp.spark.config.InvalidConfigException;
import sparkmlp.spark.config.JobConfig;
import sparkmlp.spark.io.InputException;
import sparkmlp.spark.io.RawData;

/**
 * {@code fit} of both estimators: checks the DataFrame, turns the params into the CLI's validated
 * configuration (so every setting means what it means in {@code mlp train}), and runs {@link
 * DataFrameRun}, the CLI's engine, on the rows.
 */
final class DataFrameTrainer {
  /** Most classes inferred from the labels (as MLlib's maxNumClasses guards against ids). */
  static final int MAX_CLASSES = 10_000;

  private DataFrameTrainer() {}

  static Model fit(Dataset<?> dataset, MlpParams<?> p, boolean classifier) {
    try {
      return fitChecked(dataset, p, classifier);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      // A bad row fails its Spark task; the job's SparkException (checked in Java's eyes, though
      // thrown unchecked) carries the row's InputException.
      InputException input = InputException.find(e);
      if (input != null) {
        throw new IllegalArgumentException(input.getMessage(), e);
      }
      throw DataFrameTrainer.<RuntimeException>rethrow(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }

  private static Model fitChecked(Dataset<?> dataset, MlpParams<?> p, boolean classifier) {
    Dataset<Row> df = dataset.toDF();
    StructType schema = df.schema();
    String fc = p.getFeaturesCol();
    String lc = p.getLabelCol();
    String vc = p.getValidationIndicatorCol();
    boolean vectorLabel = checkColumns(schema, p);
    Task task = classifier ? (vectorLabel ? Task.MULTILABEL : Task.MULTICLASS) : Task.REGRESSION;

    Row stats =
        vectorLabel
            ? df.agg(count(lit(1)), lit(0.0)).first()
            : df.agg(count(lit(1)), max(col(lc).cast("double"))).first();
    long rows = stats.getLong(0);
    if (rows == 0) {
      throw new IllegalArgumentException("the dataset is empty: fit needs at least one row");
    }
    int nf = DataFrameInput.numFeatures(df, fc);
    int[] layers = p.getLayers();
    DataFrameInput.Labels labels;
    if (vectorLabel) {
      labels = vectorLabels(df, lc, classifier);
    } else if (classifier) {
      labels = classLabels(stats, lc, layers);
    } else {
      labels = new DataFrameInput.Labels(1, 0, List.of(lc), false, false);
    }
    int[] hidden = p.getHiddenLayers();
    if (layers != null) {
      hidden = hiddenOfLayers(layers, nf, fc, labels, classifier && !vectorLabel);
    }
    JobConfig config = config(p, task, hidden, !vc.isEmpty());
    return run(df, p, config, labels, nf);
  }

  /** Checks the columns' types; true when the label column holds vectors. */
  private static boolean checkColumns(StructType schema, MlpParams<?> p) {
    String vc = p.getValidationIndicatorCol();
    String wc = p.getWeightCol();
    DataFrameInput.requireVector(schema, p.getFeaturesCol(), "featuresCol");
    boolean vectorLabel =
        DataFrameInput.requireNumberOrVector(schema, p.getLabelCol(), "labelCol", true);
    if (!vc.isEmpty()) {
      DataFrameInput.requireBoolean(schema, vc, "validationIndicatorCol");
    }
    if (!wc.isEmpty()) {
      DataFrameInput.requireNumberOrVector(schema, wc, "weightCol", false);
    }
    return vectorLabel;
  }

  /**
   * A vector label column: one output per entry of the first row's vector; a classifier's are 0 or
   * 1.
   */
  private static DataFrameInput.Labels vectorLabels(
      Dataset<Row> df, String lc, boolean classifier) {
    Vector first = df.select(col(lc)).first().getAs(0);
    int outputs = first == null ? 0 : first.size();
    if (outputs < 1) {
      throw new IllegalArgumentException(
          "labelCol: column '" + lc + "': row 1 holds no label vector");
    }
    List<String> labelNames = new ArrayList<>();
    for (int r = 0; r < outputs; r++) {
      labelNames.add(lc + "[" + r + "]");
    }
    return new DataFrameInput.Labels(outputs, 0, labelNames, true, classifier);
  }

  /** Class indices: k from the layers param, else from the largest label in {@code stats}. */
  private static DataFrameInput.Labels classLabels(Row stats, String lc, int[] layers) {
    double maxLabel = stats.isNullAt(1) ? 0 : stats.getDouble(1);
    if (!Double.isFinite(maxLabel)) {
      throw new IllegalArgumentException(
          "labelCol: column '" + lc + "' holds " + maxLabel + ", expected class indices 0…k−1");
    }
    if (layers == null && maxLabel >= MAX_CLASSES) {
      throw new IllegalArgumentException(
          "labelCol: column '"
              + lc
              + "' has labels up to "
              + maxLabel
              + "; a classifier takes class indices 0…k−1 with k <= "
              + MAX_CLASSES
              + " unless layers says k");
    }
    int classes = layers != null ? layers[layers.length - 1] : (int) Math.max(2, maxLabel + 1);
    return new DataFrameInput.Labels(
        classes, classes, DataFrameInput.classNames(classes), false, false);
  }

  /** The hidden sizes of the layers param, after checking its ends against the data. */
  private static int[] hiddenOfLayers(
      int[] layers, int nf, String fc, DataFrameInput.Labels labels, boolean classIndices) {
    int outputs = labels.outputs();
    if (layers[0] != nf || layers[layers.length - 1] != outputs) {
      throw new IllegalArgumentException(
          "param layers: "
              + Arrays.toString(layers)
              + " must start with the "
              + nf
              + " features of column '"
              + fc
              + "' and end with the "
              + outputs
              + (classIndices ? " classes" : " outputs"));
    }
    if (classIndices && labels.classes() < 2) {
      throw new IllegalArgumentException(
          "param layers: a classifier needs at least 2 outputs, found " + labels.classes());
    }
    return Arrays.copyOfRange(layers, 1, layers.length - 1);
  }

  /** Reads the training and validation rows and runs the CLI's engine on them. */
  private static Model run(
      Dataset<Row> df, MlpParams<?> p, JobConfig config, DataFrameInput.Labels labels, int nf) {
    String fc = p.getFeaturesCol();
    String vc = p.getValidationIndicatorCol();
    Task task = config.model().task();
    LabelEncoder encoder =
        task == Task.MULTICLASS
            ? LabelEncoder.forClasses(task, labels.names())
            : LabelEncoder.forColumns(task, labels.names());
    List<String> featureNames = DataFrameInput.featureNames(df.schema().apply(fc), nf);
    DataFrameInput.FitColumns columns = DataFrameInput.FitColumns.of(p);
    Dataset<Row> trainRows = vc.isEmpty() ? df : df.filter(not(col(vc)));
    RawData train =
        DataFrameInput.raw(trainRows, "the training rows", columns, featureNames, labels);
    RawData validation =
        vc.isEmpty()
            ? null
            : DataFrameInput.raw(
                df.filter(col(vc)),
                "the validation rows (" + vc + " = true)",
                columns,
                featureNames,
                labels);
    double[] init = null;
    Vector w = p.getInitialWeights();
    if (w != null) {
      init = w.toArray();
    }
    PrintStream out =
        p.getVerbose() ? System.out : new PrintStream(java.io.OutputStream.nullOutputStream());
    return new DataFrameRun(
            config,
            train,
            validation,
            encoder,
            new DataFrameRun.StartFrom(init, p.getInitialModel(), p.getCheckpointDir()),
            out)
        .run();
  }

  /** The params as the CLI's configuration, validated by the same loader. */
  static JobConfig config(MlpParams<?> p, Task task, int[] hidden, boolean validation) {
    List<String> sets = new ArrayList<>();
    sets.add("model.task=" + task.id());
    sets.add(
        "model.hidden-layers=["
            + Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(","))
            + "]");
    sets.add("model.hidden-activation=" + p.getActivation());
    sets.add("model.normalization=" + p.getNormalization());
    sets.add("data.validation-split=0");
    sets.add("train.epochs=" + p.getMaxIter());
    sets.add("train.batch-size=" + p.getBatchSize());
    sets.add("train.seed=" + p.getSeed());
    sets.add("train.optimizer.name=" + p.getSolver());
    sets.add("train.optimizer.learning-rate=" + p.getStepSize());
    sets.add("train.optimizer.weight-decay=" + p.getWeightDecay());
    sets.add("train.schedule.type=" + p.getSchedule());
    sets.add("train.schedule.step-epochs=" + p.getScheduleStepEpochs());
    sets.add("train.schedule.gamma=" + p.getScheduleGamma());
    sets.add("train.schedule.warmup-steps=" + p.getScheduleWarmupSteps());
    sets.add("train.schedule.min-fraction=" + p.getScheduleMinFraction());
    sets.add("train.schedule.pct-start=" + p.getSchedulePctStart());
    sets.add("train.schedule.div-factor=" + p.getScheduleDivFactor());
    sets.add("train.schedule.final-div-factor=" + p.getScheduleFinalDivFactor());
    if (p.getPatience() > 0) {
      sets.add("train.early-stopping.enabled=true");
      sets.add("train.early-stopping.monitor=" + (validation ? "val_loss" : "loss"));
      sets.add("train.early-stopping.patience=" + p.getPatience());
      sets.add("train.early-stopping.min-delta=" + p.getTol());
    }
    sets.add("log.progress=never");
    try {
      return ConfigLoader.load(null, sets);
    } catch (InvalidConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}

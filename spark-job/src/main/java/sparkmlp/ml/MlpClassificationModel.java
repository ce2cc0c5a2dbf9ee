package sparkmlp.ml;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import sparkmlp.core.task.Task;

/**
 * What {@link MlpClassifier} trains: appends {@code prediction} (the class index as a double; a 0/1
 * vector for multi-label), {@code rawPrediction} (log-probabilities; log-odds for multi-label) and
 * {@code probability} (vectors), scoring {@code blockSize} rows per matrix product.
 */
public class MlpClassificationModel extends Model<MlpClassificationModel>
    implements MlpParams<MlpClassificationModel>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MlpParamSet paramSet;
  private final sparkmlp.core.model.Model model;

  MlpClassificationModel(String uid, sparkmlp.core.model.Model model) {
    if (!model.task().isClassification() && model.task() != Task.MULTILABEL) {
      throw new IllegalArgumentException(
          "a classification model needs a classification network, found a "
              + model.task().id()
              + " one");
    }
    this.uid = uid;
    this.paramSet = new MlpParamSet(this);
    this.model = model;
    setMlpDefaults();
  }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public MlpParamSet mlpParamSet() {
    return paramSet;
  }

  @Override
  public MlpClassificationModel self() {
    return this;
  }

  /**
   * The trained network, its weights and normalisation (sparkmlp's model, as the CLI writes it).
   */
  public sparkmlp.core.model.Model model() {
    return model;
  }

  /** Classes (or labels for multi-label). */
  public int numClasses() {
    return model.task() == Task.MULTILABEL
        ? model.network().outputSize()
        : model.labelNames().size();
  }

  public int numFeatures() {
    return model.numFeatures();
  }

  /** All weights as one flat vector, in sparkmlp's layout (as MLPC's {@code weights}). */
  public org.apache.spark.ml.linalg.Vector weights() {
    return org.apache.spark.ml.linalg.Vectors.dense(model.params());
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    return Scorer.transform(
        dataset,
        model,
        getBlockSize(),
        getFeaturesCol(),
        getPredictionCol(),
        getProbabilityCol(),
        getRawPredictionCol());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return Scorer.outputSchema(
        schema,
        model,
        getFeaturesCol(),
        getPredictionCol(),
        getProbabilityCol(),
        getRawPredictionCol());
  }

  @Override
  public MlpClassificationModel copy(ParamMap extra) {
    MlpClassificationModel copy = new MlpClassificationModel(uid, model);
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new StageIo.Writer(this, model);
  }

  /** The reader Spark's Pipeline and CrossValidator readers call (through reflection). */
  public static MLReader<MlpClassificationModel> read() {
    return new StageIo.Reader<>(MlpClassificationModel.class, true, MlpClassificationModel::new);
  }

  public static MlpClassificationModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "MlpClassificationModel: uid=" + uid + ", " + model;
  }
}

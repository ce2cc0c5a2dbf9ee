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
 * What {@link MlpRegressor} trains: appends {@code prediction}, a double (a vector for several
 * targets), scoring {@code blockSize} rows per matrix product.
 */
public class MlpRegressionModel extends Model<MlpRegressionModel>
    implements MlpParams<MlpRegressionModel>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MlpParamSet paramSet;
  private final sparkmlp.core.model.Model model;

  MlpRegressionModel(String uid, sparkmlp.core.model.Model model) {
    if (model.task() != Task.REGRESSION) {
      throw new IllegalArgumentException(
          "a regression model needs a regression network, found a " + model.task().id() + " one");
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
  public MlpRegressionModel self() {
    return this;
  }

  /**
   * The trained network, its weights and normalisation (sparkmlp's model, as the CLI writes it).
   */
  public sparkmlp.core.model.Model model() {
    return model;
  }

  /** Targets predicted. */
  public int numTargets() {
    return model.network().outputSize();
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
        dataset, model, getBlockSize(), getFeaturesCol(), getPredictionCol(), "", "");
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return Scorer.outputSchema(schema, model, getFeaturesCol(), getPredictionCol(), "", "");
  }

  @Override
  public MlpRegressionModel copy(ParamMap extra) {
    MlpRegressionModel copy = new MlpRegressionModel(uid, model);
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new StageIo.Writer(this, model);
  }

  /** The reader Spark's Pipeline and CrossValidator readers call (through reflection). */
  public static MLReader<MlpRegressionModel> read() {
    return new StageIo.Reader<>(MlpRegressionModel.class, true, MlpRegressionModel::new);
  }

  public static MlpRegressionModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "MlpRegressionModel: uid=" + uid + ", " + model;
  }
}

package sparkmlp.ml;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import sparkmlp.core.task.Task;

/**
 * A multilayer-perceptron regressor trained by sparkmlp's distributed mini-batch engine (the same
 * as {@code mlp train}): squared error on a numeric label column (one target) or a Vector label
 * column (several targets), identity output. Params as {@link MlpClassifier}'s; {@code layers} ends
 * with the number of targets.
 */
public class MlpRegressor extends Estimator<MlpRegressionModel>
    implements MlpParams<MlpRegressor>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MlpParamSet paramSet;

  public MlpRegressor() {
    this(Identifiable$.MODULE$.randomUID("mlpRegressor"));
  }

  public MlpRegressor(String uid) {
    this.uid = uid;
    this.paramSet = new MlpParamSet(this);
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
  public MlpRegressor self() {
    return this;
  }

  @Override
  public MlpRegressionModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    MlpRegressionModel model = new MlpRegressionModel(uid, FrameTrainer.fit(dataset, this, false));
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    boolean vectorLabel =
        schema.getFieldIndex(getLabelCol()).isDefined()
            && FrameInput.requireNumberOrVector(schema, getLabelCol(), "labelCol", true);
    return Scorer.outputSchema(
        schema, Task.REGRESSION, vectorLabel, getFeaturesCol(), getPredictionCol(), "", "");
  }

  @Override
  public MlpRegressor copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public MLWriter write() {
    return new StageIo.Writer(this, null);
  }

  /** The reader Spark's Pipeline and CrossValidator readers call (through reflection). */
  public static MLReader<MlpRegressor> read() {
    return new StageIo.Reader<>(MlpRegressor.class, false, (uid, m) -> new MlpRegressor(uid));
  }

  public static MlpRegressor load(String path) {
    return read().load(path);
  }
}

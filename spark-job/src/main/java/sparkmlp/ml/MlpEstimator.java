package sparkmlp.ml;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;
import sparkmlp.core.task.Task;

/**
 * What {@link MlpClassifier} and {@link MlpRegressor} share as Spark stages: the uid, the params
 * ({@link MlpParamSet}, with their defaults), {@code fit} through sparkmlp's engine ({@link
 * DataFrameTrainer}), the output schema, copying and the writer. Each says which task a label
 * column means and which model it returns.
 *
 * @param <E> the estimator itself
 * @param <M> the model its {@code fit} returns
 */
public abstract class MlpEstimator<E extends MlpEstimator<E, M>, M extends Model<M>>
    extends Estimator<M> implements MlpParams<E>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MlpParamSet paramSet;

  MlpEstimator(String uid) {
    this.uid = uid;
    this.paramSet = new MlpParamSet(this);
    setMlpDefaults();
  }

  /** The fitted stage over what the engine trained. */
  abstract M newModel(String uid, sparkmlp.core.model.Model model);

  /** The task a label column means: a number or, when {@code vectorLabel}, a vector. */
  abstract Task task(boolean vectorLabel);

  @Override
  public M fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    boolean classifier = task(false) != Task.REGRESSION;
    M model = newModel(uid(), DataFrameTrainer.fit(dataset, this, classifier));
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    boolean vectorLabel =
        schema.getFieldIndex(getLabelCol()).isDefined()
            && DataFrameInput.requireNumberOrVector(schema, getLabelCol(), "labelCol", true);
    Task task = task(vectorLabel);
    return Scorer.outputSchema(
        schema, task, vectorLabel, Scorer.Columns.of(this, task != Task.REGRESSION));
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
  @SuppressWarnings("unchecked")
  public E self() {
    return (E) this;
  }

  /** A copy with the same uid and params, plus {@code extra} (Spark's {@code defaultCopy}). */
  @Override
  public E copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public MLWriter write() {
    return new StageIo.Writer(this, null);
  }
}

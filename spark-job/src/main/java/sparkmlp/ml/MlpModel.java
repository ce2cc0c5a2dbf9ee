package sparkmlp.ml;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import sparkmlp.core.task.Task;

/**
 * What {@link MlpClassificationModel} and {@link MlpRegressionModel} share as Spark stages: the
 * uid, the params, the trained sparkmlp model, {@code transform} ({@link Scorer}, {@code blockSize}
 * rows per matrix product; probability and raw prediction columns for a classifier), copying and
 * the writer.
 *
 * @param <M> the model itself
 */
public abstract class MlpModel<M extends MlpModel<M>> extends Model<M>
    implements MlpParams<M>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MlpParamSet paramSet;
  private final sparkmlp.core.model.Model model;

  MlpModel(String uid, sparkmlp.core.model.Model model) {
    this.uid = uid;
    this.paramSet = new MlpParamSet(this);
    this.model = model;
    setMlpDefaults();
  }

  /** The same stage over {@code model}: what {@link #copy} fills with the params. */
  abstract M withModel(String uid, sparkmlp.core.model.Model model);

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
  public M self() {
    return (M) this;
  }

  /**
   * The trained network, its weights and normalisation (sparkmlp's model, as the CLI writes it).
   */
  public sparkmlp.core.model.Model model() {
    return model;
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
    return Scorer.transform(dataset, model, getBlockSize(), columns());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return Scorer.outputSchema(schema, model, columns());
  }

  private Scorer.Columns columns() {
    return Scorer.Columns.of(this, model.task() != Task.REGRESSION);
  }

  @Override
  public M copy(ParamMap extra) {
    M copy = withModel(uid, model);
    copyValues(copy, extra);
    return copy.setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new StageIo.Writer(this, model);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + ": uid=" + uid + ", " + model;
  }
}

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
 * A multilayer-perceptron classifier trained by sparkmlp's distributed mini-batch engine (the same
 * as {@code mlp train}): binary and multiclass through a label column of class indices 0…k−1
 * (softmax over k outputs, as MLlib's MLPC), multi-label through a Vector label column of 0/1
 * values (one sigmoid per label). A drop-in for {@code MultilayerPerceptronClassifier}: MLPC's
 * {@code layers}, {@code maxIter}, {@code stepSize}, {@code tol}, {@code seed}, {@code blockSize},
 * {@code initialWeights} and {@code solver} (adam, sgd or momentum) keep their meaning.
 */
public class MlpClassifier extends Estimator<MlpClassificationModel>
    implements MlpParams<MlpClassifier>, MLWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final MlpParamSet paramSet;

  public MlpClassifier() {
    this(Identifiable$.MODULE$.randomUID("mlpClassifier"));
  }

  public MlpClassifier(String uid) {
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
  public MlpClassifier self() {
    return this;
  }

  @Override
  public MlpClassificationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    MlpClassificationModel model =
        new MlpClassificationModel(uid, FrameTrainer.fit(dataset, this, true));
    copyValues(model, ParamMap.empty());
    return model.setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    boolean vectorLabel =
        schema.getFieldIndex(getLabelCol()).isDefined()
            && FrameInput.requireNumberOrVector(schema, getLabelCol(), "labelCol", true);
    return Scorer.outputSchema(
        schema,
        vectorLabel ? Task.MULTILABEL : Task.MULTICLASS,
        vectorLabel,
        getFeaturesCol(),
        getPredictionCol(),
        getProbabilityCol(),
        getRawPredictionCol());
  }

  @Override
  public MlpClassifier copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public MLWriter write() {
    return new StageIo.Writer(this, null);
  }

  /** The reader Spark's Pipeline and CrossValidator readers call (through reflection). */
  public static MLReader<MlpClassifier> read() {
    return new StageIo.Reader<>(MlpClassifier.class, false, (uid, m) -> new MlpClassifier(uid));
  }

  public static MlpClassifier load(String path) {
    return read().load(path);
  }
}

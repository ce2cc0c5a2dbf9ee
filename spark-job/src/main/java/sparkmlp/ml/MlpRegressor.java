package sparkmlp.ml;

import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import sparkmlp.core.task.Task;

/**
 * A multilayer-perceptron regressor trained by sparkmlp's distributed mini-batch engine (the same
 * as {@code mlp train}): squared error on a numeric label column (one target) or a Vector label
 * column (several targets), identity output. Params as {@link MlpClassifier}'s; {@code layers} ends
 * with the number of targets.
 */
public class MlpRegressor extends MlpEstimator<MlpRegressor, MlpRegressionModel> {
  private static final long serialVersionUID = 1L;

  public MlpRegressor() {
    this(Identifiable$.MODULE$.randomUID("mlpRegressor"));
  }

  public MlpRegressor(String uid) {
    super(uid);
  }

  @Override
  MlpRegressionModel newModel(String uid, sparkmlp.core.model.Model model) {
    return new MlpRegressionModel(uid, model);
  }

  @Override
  Task task(boolean vectorLabel) {
    return Task.REGRESSION;
  }

  /** The reader Spark's Pipeline and CrossValidator readers call (through reflection). */
  public static MLReader<MlpRegressor> read() {
    return new StageIo.Reader<>(MlpRegressor.class, false, (uid, m) -> new MlpRegressor(uid));
  }

  public static MlpRegressor load(String path) {
    return read().load(path);
  }
}

package sparkmlp.ml;

import org.apache.spark.ml.util.MLReader;
import sparkmlp.core.task.Task;

/**
 * What {@link MlpRegressor} trains: appends {@code prediction}, a double (a vector for several
 * targets), scoring {@code blockSize} rows per matrix product.
 */
public class MlpRegressionModel extends MlpModel<MlpRegressionModel> {
  private static final long serialVersionUID = 1L;

  MlpRegressionModel(String uid, sparkmlp.core.model.Model model) {
    super(uid, checked(model));
  }

  private static sparkmlp.core.model.Model checked(sparkmlp.core.model.Model model) {
    if (model.task() != Task.REGRESSION) {
      throw new IllegalArgumentException(
          "a regression model needs a regression network, found a " + model.task().id() + " one");
    }
    return model;
  }

  @Override
  MlpRegressionModel withModel(String uid, sparkmlp.core.model.Model model) {
    return new MlpRegressionModel(uid, model);
  }

  /** Targets predicted. */
  public int numTargets() {
    return model().network().outputSize();
  }

  /** The reader Spark's Pipeline and CrossValidator readers call (through reflection). */
  public static MLReader<MlpRegressionModel> read() {
    return new StageIo.Reader<>(MlpRegressionModel.class, true, MlpRegressionModel::new);
  }

  public static MlpRegressionModel load(String path) {
    return read().load(path);
  }
}

package sparkmlp.ml;

import org.apache.spark.ml.util.MLReader;
import sparkmlp.core.task.Task;

/**
 * What {@link MlpClassifier} trains: appends {@code prediction} (the class index as a double; a 0/1
 * vector for multi-label), {@code rawPrediction} (log-probabilities; log-odds for multi-label) and
 * {@code probability} (vectors), scoring {@code blockSize} rows per matrix product.
 */
public class MlpClassificationModel extends MlpModel<MlpClassificationModel> {
  private static final long serialVersionUID = 1L;

  MlpClassificationModel(String uid, sparkmlp.core.model.Model model) {
    super(uid, checked(model));
  }

  private static sparkmlp.core.model.Model checked(sparkmlp.core.model.Model model) {
    if (!model.task().isClassification() && model.task() != Task.MULTILABEL) {
      throw new IllegalArgumentException(
          "a classification model needs a classification network, found a "
              + model.task().id()
              + " one");
    }
    return model;
  }

  @Override
  MlpClassificationModel withModel(String uid, sparkmlp.core.model.Model model) {
    return new MlpClassificationModel(uid, model);
  }

  /** Classes (or labels for multi-label). */
  public int numClasses() {
    return model().task() == Task.MULTILABEL
        ? model().network().outputSize()
        : model().labelNames().size();
  }

  /** The reader Spark's Pipeline and CrossValidator readers call (through reflection). */
  public static MLReader<MlpClassificationModel> read() {
    return new StageIo.Reader<>(MlpClassificationModel.class, true, MlpClassificationModel::new);
  }

  public static MlpClassificationModel load(String path) {
    return read().load(path);
  }
}

package sparkmlp.ml;

import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import sparkmlp.core.task.Task;

/**
 * A multilayer-perceptron classifier trained by sparkmlp's distributed mini-batch engine (the same
 * as {@code mlp train}): binary and multiclass through a label column of class indices 0…k−1
 * (softmax over k outputs, as MLlib's MLPC), multi-label through a Vector label column of 0/1
 * values (one sigmoid per label). A drop-in for {@code MultilayerPerceptronClassifier}: MLPC's
 * {@code layers}, {@code maxIter}, {@code stepSize}, {@code tol}, {@code seed}, {@code blockSize},
 * {@code initialWeights} and {@code solver} (adam, sgd or momentum) keep their meaning.
 */
public class MlpClassifier extends MlpEstimator<MlpClassifier, MlpClassificationModel> {
  private static final long serialVersionUID = 1L;

  public MlpClassifier() {
    this(Identifiable$.MODULE$.randomUID("mlpClassifier"));
  }

  public MlpClassifier(String uid) {
    super(uid);
  }

  @Override
  MlpClassificationModel newModel(String uid, sparkmlp.core.model.Model model) {
    return new MlpClassificationModel(uid, model);
  }

  @Override
  Task task(boolean vectorLabel) {
    return vectorLabel ? Task.MULTILABEL : Task.MULTICLASS;
  }

  /** The reader Spark's Pipeline and CrossValidator readers call (through reflection). */
  public static MLReader<MlpClassifier> read() {
    return new StageIo.Reader<>(MlpClassifier.class, false, (uid, m) -> new MlpClassifier(uid));
  }

  public static MlpClassifier load(String path) {
    return read().load(path);
  }
}

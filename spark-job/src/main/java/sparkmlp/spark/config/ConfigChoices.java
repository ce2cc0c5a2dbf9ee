package sparkmlp.spark.config;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import sparkmlp.core.activation.Activation;
import sparkmlp.core.data.Normalizer;
import sparkmlp.core.optim.OptimizerKind;
import sparkmlp.core.optim.ScheduleKind;

/**
 * The words an enumerated setting accepts, derived from core's enums in one place: the config
 * reader and the Spark ML params both ask here, so adding an activation, optimiser or schedule to
 * its enum adds it everywhere.
 */
public final class ConfigChoices {

  /** Hidden layers apply their activation element by element, which softmax does not. */
  public static final List<Activation> HIDDEN_ACTIVATIONS =
      Stream.of(Activation.values()).filter(Activation::elementWise).toList();

  private ConfigChoices() {}

  /** {@code mlp.model.hidden-activation}: relu, sigmoid, … */
  public static String[] hiddenActivations() {
    return ids(HIDDEN_ACTIVATIONS, Activation::id);
  }

  /** {@code mlp.train.optimizer.name}: adam, sgd, momentum, … */
  public static String[] optimizers() {
    return ids(List.of(OptimizerKind.values()), OptimizerKind::id);
  }

  /** {@code mlp.train.schedule.type}: constant, step, exponential, cosine, one-cycle, … */
  public static String[] schedules() {
    return ids(List.of(ScheduleKind.values()), ScheduleKind::id);
  }

  /** {@code mlp.model.normalization}: standard, minmax, none, … */
  public static String[] normalizations() {
    return ids(List.of(Normalizer.Kind.values()), Normalizer.Kind::id);
  }

  private static <E> String[] ids(List<E> values, Function<E, String> id) {
    return values.stream().map(id).toArray(String[]::new);
  }
}

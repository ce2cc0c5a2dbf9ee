package sparkmlp.core.optim;

import java.util.Locale;

/**
 * The update rules by name, as written in configs ({@code sgd}, {@code momentum}, {@code adam}):
 * each builds its {@link Optimizer} from the hyperparameters it uses and ignores the rest.
 */
public enum OptimizerKind {
  SGD {
    @Override
    public Optimizer create(Hyperparameters h) {
      return Optimizer.sgd();
    }
  },
  MOMENTUM {
    @Override
    public Optimizer create(Hyperparameters h) {
      return Optimizer.momentum(h.momentum(), h.nesterov());
    }
  },
  ADAM {
    @Override
    public Optimizer create(Hyperparameters h) {
      return Optimizer.adam(h.beta1(), h.beta2(), h.epsilon());
    }
  };

  /** Every hyperparameter some update rule reads; a config record implements it. */
  public interface Hyperparameters {
    double momentum();

    boolean nesterov();

    double beta1();

    double beta2();

    double epsilon();
  }

  /** The optimiser this kind names, configured from {@code h}. */
  public abstract Optimizer create(Hyperparameters h);

  /** The name used in configs and checkpoints: {@code sgd}, {@code momentum}, {@code adam}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind named {@code id} (any case). */
  public static OptimizerKind fromId(String id) {
    for (OptimizerKind k : values()) {
      if (k.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown optimizer '" + id + "'; expected sgd, momentum or adam");
  }
}
